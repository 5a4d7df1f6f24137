import type { Core } from "../core.js";
import type { SimDeployment, SimDeploymentState, SimDeploymentStatus, SimEnvironment } from "../deployment-types.js";
import { HttpError, validation } from "../errors.js";
import { deploymentJson, deploymentStatusJson, workflowJson, workflowRunJson } from "../json/deployment.js";
import type { Repo } from "../types.js";

/** GitHub's limit on a protection rule's comment (status report or review): 1,024 characters. */
export const GATE_COMMENT_MAX = 1024;

/** Who writes the statuses of a deployment made by an Actions job. */
export const ACTIONS_BOT = "github-actions[bot]";

const envKey = (repo: Repo, name: string): string => `${repo.fullName}:${name}`.toLowerCase();

/** The environment, created on first use as GitHub does for a deployment to a new one. */
export function ensureEnvironment(core: Core, repo: Repo, name: string): SimEnvironment {
  const key = envKey(repo, name);
  let env = core.store.environments.get(key);
  if (!env) {
    env = { id: core.store.id(), repo: repo.fullName, name, protectionApps: [], createdAt: core.now() };
    core.store.environments.set(key, env);
  }
  return env;
}

export function findEnvironment(core: Core, repo: Repo, name: string): SimEnvironment | undefined {
  return core.store.environments.get(envKey(repo, name));
}

export interface DeploymentInput {
  ref: string;
  environment?: string;
  task?: string;
  description?: string | null;
  productionEnvironment?: boolean;
  transientEnvironment?: boolean;
  runId?: number | null;
  /** The event that started the job's workflow run (an Actions job's deployment only). */
  event?: string;
}

/** `POST /deployments`: resolves the ref, records the deployment and sends `deployment.created`. */
export function createDeployment(core: Core, actor: string, repo: Repo, input: DeploymentInput): SimDeployment {
  if (!input.ref) throw validation("Deployment", "ref", "missing_field");
  const sha = core.store.resolveRef(repo, input.ref);
  const environment = input.environment ?? "production";
  ensureEnvironment(core, repo, environment);
  const now = core.now();
  const d: SimDeployment = {
    id: core.store.id(),
    repo: repo.fullName,
    sha,
    ref: input.ref,
    task: input.task ?? "deploy",
    environment,
    creator: actor,
    description: input.description ?? null,
    productionEnvironment: input.productionEnvironment ?? environment === "production",
    transientEnvironment: input.transientEnvironment ?? false,
    createdAt: now,
    updatedAt: now,
    runId: input.runId ?? null,
    statuses: [],
  };
  core.store.deployments.set(d.id, d);
  // an Actions job's deployment names its workflow and run; one made through the REST API has both null
  const run = d.runId === null ? null : { workflow: workflowJson(core, repo, d.runId), workflow_run: workflowRunJson(core, repo, d, actor, input.event ?? "push") };
  core.emitRepo("deployment", repo, actor, { action: "created", deployment: deploymentJson(core, repo, d), workflow: run?.workflow ?? null, workflow_run: run?.workflow_run ?? null });
  return d;
}

const STATES: ReadonlySet<string> = new Set(["error", "failure", "inactive", "in_progress", "queued", "pending", "success"]);

/** `POST /deployments/{id}/statuses`: appends a status and sends `deployment_status.created`. */
export function addDeploymentStatus(
  core: Core,
  actor: string,
  repo: Repo,
  d: SimDeployment,
  input: { state: string; description?: string; environmentUrl?: string; logUrl?: string },
): SimDeploymentStatus {
  if (!STATES.has(input.state)) throw validation("DeploymentStatus", "state", "invalid");
  const status: SimDeploymentStatus = {
    id: core.store.id(),
    state: input.state as SimDeploymentState,
    creator: actor,
    description: input.description ?? "",
    environmentUrl: input.environmentUrl ?? "",
    logUrl: input.logUrl ?? "",
    createdAt: core.now(),
  };
  d.statuses.push(status);
  d.updatedAt = status.createdAt;
  core.emitRepo("deployment_status", repo, actor, {
    action: "created",
    deployment_status: deploymentStatusJson(core, repo, d, status),
    deployment: deploymentJson(core, repo, d),
  });
  return status;
}

export function deploymentOf(core: Core, repo: Repo, id: number): SimDeployment {
  const d = core.store.deployments.get(id);
  if (!d || d.repo !== repo.fullName) throw new HttpError(404, "Not Found");
  return d;
}

/**
 * A workflow job with `environment:` starts: GitHub creates the deployment and, when the environment
 * has custom protection rules, holds the job and sends each rule's app `deployment_protection_rule`
 * (`requested`) with the callback URL; without rules the job starts at once (status `in_progress`).
 */
export function runDeployJob(core: Core, actor: string, repo: Repo, input: { environment: string; ref: string; event?: string }): { runId: number; deployment: SimDeployment } {
  const runId = core.store.id();
  const env = ensureEnvironment(core, repo, input.environment);
  const deployment = createDeployment(core, actor, repo, { ref: input.ref, environment: env.name, runId, event: input.event ?? "push" });
  if (env.protectionApps.length === 0) {
    addDeploymentStatus(core, ACTIONS_BOT, repo, deployment, { state: "in_progress" });
    return { runId, deployment };
  }
  core.store.deploymentGates.set(runId, { runId, repo: repo.fullName, environment: env.name, deploymentId: deployment.id, state: "waiting", reviews: [] });
  if (env.protectionApps.includes(core.app.id)) {
    core.emitRepo("deployment_protection_rule", repo, actor, {
      action: "requested",
      environment: env.name,
      event: input.event ?? "push",
      deployment_callback_url: `${core.urls.api}/repos/${repo.fullName}/actions/runs/${runId}/deployment_protection_rule`,
      deployment: deploymentJson(core, repo, deployment),
      pull_requests: [],
    });
  }
  return { runId, deployment };
}

/**
 * `POST /actions/runs/{run_id}/deployment_protection_rule` by the app `appId`: a status report
 * (no `state`) or its review. Only an app enabled as a rule of that environment may answer, once.
 */
export function reviewDeploymentGate(core: Core, appId: number, repo: Repo, runId: number, body: { environment_name?: unknown; state?: unknown; comment?: unknown }): void {
  const gate = core.store.deploymentGates.get(runId);
  if (!gate || gate.repo !== repo.fullName) throw new HttpError(404, "Not Found");
  if (typeof body.environment_name !== "string") throw validation("DeploymentProtectionRule", "environment_name", "missing_field");
  const state = body.state;
  if (state !== undefined && state !== "approved" && state !== "rejected") throw validation("DeploymentProtectionRule", "state", "invalid");
  const comment = typeof body.comment === "string" ? body.comment : "";
  if (state === undefined && comment === "") throw validation("DeploymentProtectionRule", "comment", "missing_field");
  if (comment.length > GATE_COMMENT_MAX) throw validation("DeploymentProtectionRule", "comment", "custom", `comment is too long (maximum is ${GATE_COMMENT_MAX} characters)`);
  const env = findEnvironment(core, repo, body.environment_name);
  if (!env || env.name.toLowerCase() !== gate.environment.toLowerCase() || !env.protectionApps.includes(appId)) {
    throw new HttpError(422, "No pending deployment protection rule for this app and environment");
  }
  const answered = gate.reviews.some((r) => r.appId === appId && r.state !== null);
  if (gate.state !== "waiting" || (state !== undefined && answered)) throw new HttpError(422, "No pending deployment protection rule for this app and environment");
  gate.reviews.push({ appId, state: state ?? null, comment, at: core.now() });
  if (state === "rejected") gate.state = "rejected";
  else if (state === "approved" && env.protectionApps.every((id) => gate.reviews.some((r) => r.appId === id && r.state === "approved"))) gate.state = "approved";
  if (gate.state === "approved") {
    const d = core.store.deployments.get(gate.deploymentId);
    if (d) addDeploymentStatus(core, ACTIONS_BOT, repo, d, { state: "in_progress" });
  }
}
