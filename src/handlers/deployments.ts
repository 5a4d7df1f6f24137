import type { Context } from "probot";
import { runDeployGate } from "../flows/deploy-flow.js";
import { noteDeployment } from "../flows/deploy-notes.js";
import type { HandlerEnv } from "./guard.js";

/** The run id of a protection rule's callback URL, when it is this repository's (else null: not trusted). */
export function runIdOf(callbackUrl: string | undefined, fullName: string): number | null {
  const m = /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(callbackUrl ?? "");
  if (!m || `${m[1]}/${m[2]}`.toLowerCase() !== fullName.toLowerCase()) return null;
  return Number(m[3]);
}

/**
 * `deployment_protection_rule.requested`: a workflow job waits on an environment with ims-bot's rule.
 * The gate decides from GitHub (not from the payload's pull requests) and answers the rule.
 */
export async function onDeploymentProtectionRule(context: Context<"deployment_protection_rule">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "requested" || !p.deployment || !p.environment || !p.repository) return;
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const runId = runIdOf(p.deployment_callback_url, p.repository.full_name);
  if (runId === null) {
    context.log.warn({ repo: p.repository.full_name, url: p.deployment_callback_url }, "deployment protection rule: the callback URL is not this repository's workflow run; not answered");
    return;
  }
  await runDeployGate(context.octokit, r, { deploymentId: p.deployment.id, environment: p.environment, runId, mode: "prevent", defaultBranch: p.repository.default_branch, now: env.now(), delivery: context.id }, context.log);
}

/**
 * `deployment.created` of a deployment made through `POST /repos/{owner}/{repo}/deployments`
 * (`workflow_run` null: an Actions job's deployment names its run). No protection rule ever holds such
 * a deployment, and its deployer may post no status (or only `queued`): the detective control decides
 * it now. The later `deployment_status` answers the same decision from the same check run.
 */
export async function onDeployment(context: Context<"deployment">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "created" || p.workflow_run !== null) return;
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  await runDeployGate(context.octokit, r, { deploymentId: p.deployment.id, environment: p.deployment.environment, runId: null, mode: "detect", defaultBranch: p.repository.default_branch, now: env.now(), delivery: context.id }, context.log);
}

const NOT_RUN: ReadonlySet<string> = new Set(["waiting", "queued", "pending"]);

/**
 * `deployment_status.created`: the detective control (a configured environment's deployment with no
 * gate decision: the custom rule is not enabled there) decides after the fact; then the deployment is
 * noted on the change records it delivers, and a failure or rollback marks their outcome failed.
 */
export async function onDeploymentStatus(context: Context<"deployment_status">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  // a deployment still waiting (on protection rules, a queue) has not run: nothing to detect or note yet
  if (NOT_RUN.has(p.deployment_status.state)) return;
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const gate = await runDeployGate(context.octokit, r, { deploymentId: p.deployment.id, environment: p.deployment.environment, runId: null, mode: "detect", defaultBranch: p.repository.default_branch, now: env.now(), delivery: context.id }, context.log);
  if (gate.decision === "not gated") return;
  await noteDeployment(context.octokit, r, { deploymentId: p.deployment.id, state: p.deployment_status.state, now: env.now() }, context.log);
}
