import type { Logger } from "probot";
import { formatConfigError } from "../config/errors.js";
import { decideDeployment, type DeployDecision, type DeployMode } from "../deploy/decide.js";
import type { DeployFacts } from "../deploy/facts.js";
import { deployCheckOutput, gateComment } from "../deploy/render.js";
import { counting } from "../github/call-counter.js";
import { ownDeployRun, readDeployFacts, readDeployment, rememberApproved } from "../github/deploy-facts.js";
import { answerProtectionRule, writeDeployCheck, type CallbackAnswer } from "../github/deploy-gate.js";
import { loadConfig } from "../github/load-config.js";
import { serialized } from "../github/review-record.js";
import { areaOf } from "../github/store-of.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** What the store remembers of a decided deployment: enough to answer a re-request the same. */
interface Remembered {
  decision: "approved" | "rejected";
  comment: string;
}

export interface GateRun {
  deploymentId: number;
  environment: string;
  /** The waiting workflow run (prevent mode); null for the detective control. */
  runId: number | null;
  mode: DeployMode;
  defaultBranch: string;
  now: Date;
  delivery: string | null;
}

export interface GateOutcome {
  decision: "approved" | "rejected" | "not gated";
  /** How the decision was reached: walked now, or the earlier one answered again. */
  source: "decided" | "remembered" | "check run";
  callback: CallbackAnswer | null;
  facts: DeployFacts | null;
  result: DeployDecision | null;
  calls: number;
}

/**
 * The deployment gate for one deployment: config (default branch), then the earlier decision if there
 * is one (the store, else our check run found by external id), else facts -> decide -> check run; in
 * prevent mode the protection rule is answered. A repeated request answers what was decided.
 */
export function runDeployGate(octokit: Octokit, r: RepoRef, run: GateRun, log: Logger): Promise<GateOutcome> {
  const key = `deploy:${r.owner}/${r.repo}#${run.deploymentId}`.toLowerCase();
  return serialized(octokit, key, async () => {
    const { value, calls } = await counting(octokit, () => failClosed(octokit, r, run, () => gate(octokit, r, run, key, log)));
    log.info({ repo: `${r.owner}/${r.repo}`, rule: "deploy.gate", deployment: run.deploymentId, environment: run.environment, mode: run.mode, decision: value.decision, source: value.source, callback: value.callback, calls }, "deployment gate");
    return { ...value, calls };
  });
}

/**
 * A job waits up to 30 days for the answer: when reading what the gate decides from fails, the rule is
 * answered `rejected` (fail closed, saying why), then the error goes on (the delivery fails, logged).
 */
async function failClosed<T>(octokit: Octokit, r: RepoRef, run: GateRun, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (run.mode === "prevent" && run.runId !== null) {
      const status = (error as { status?: number }).status;
      const comment = `**Deployment to ${run.environment} rejected: ims-bot could not read what it decides from** (GitHub answered ${status ?? "with an error"}), so it fails closed. Re-run the job to ask again.`;
      await answerProtectionRule(octokit, r, run.runId, { environment: run.environment, state: "rejected", comment }).catch(() => null);
    }
    throw error;
  }
}

async function gate(octokit: Octokit, r: RepoRef, run: GateRun, key: string, log: Logger): Promise<Omit<GateOutcome, "calls">> {
  const resolved = await loadConfig(octokit, r.owner, r.repo);
  const errors = resolved.errors.map(formatConfigError);
  const cfg = resolved.config.deploy;
  const configured = cfg.environments.some((e) => e.toLowerCase() === run.environment.toLowerCase());
  if (!configured && errors.length === 0 && run.mode === "detect") return { decision: "not gated", source: "decided", callback: null, facts: null, result: null };
  const memory = areaOf<Remembered>(octokit, "deployDecisions");
  const answer = async (decision: "approved" | "rejected", comment: string): Promise<CallbackAnswer | null> => {
    if (run.runId === null || run.mode !== "prevent") return null;
    const done = await answerProtectionRule(octokit, r, run.runId, { environment: run.environment, state: decision, comment });
    if (done !== "answered") log.warn({ repo: `${r.owner}/${r.repo}`, deployment: run.deploymentId, runId: run.runId, callback: done }, "the deployment protection rule was not answered: GitHub refused it (already decided, or the run is gone); not retried");
    return done;
  };
  const remembered = await memory.get(key);
  if (remembered) return { decision: remembered.decision, source: "remembered", callback: await answer(remembered.decision, remembered.comment), facts: null, result: null };
  return decide(octokit, r, run, key, resolved, errors, configured, answer);
}

async function decide(
  octokit: Octokit,
  r: RepoRef,
  run: GateRun,
  key: string,
  resolved: Awaited<ReturnType<typeof loadConfig>>,
  errors: string[],
  configured: boolean,
  answer: (decision: "approved" | "rejected", comment: string) => Promise<CallbackAnswer | null>,
): Promise<Omit<GateOutcome, "calls">> {
  const memory = areaOf<Remembered>(octokit, "deployDecisions");
  const cfg = resolved.config.deploy;
  const deployment = await readDeployment(octokit, r, run.deploymentId);
  const earlier = await ownDeployRun(octokit, r, deployment);
  if (earlier?.status === "completed" && (earlier.conclusion === "success" || earlier.conclusion === "failure")) {
    const decision = earlier.conclusion === "success" ? "approved" : "rejected";
    const comment = `**${earlier.title}**${earlier.htmlUrl ? `\n\nFull decision: ${earlier.htmlUrl}` : ""}`.slice(0, 1024);
    await memory.set(key, { decision, comment });
    return { decision, source: "check run", callback: await answer(decision, comment), facts: null, result: null };
  }
  const notConfigured = configured ? [] : [`\`deploy.environments\` does not list \`${run.environment}\`, yet ims-bot's protection rule is enabled on it: list it, or disable the rule there`];
  const facts = await readDeployFacts(octokit, r, {
    deployment,
    runId: run.runId,
    defaultBranch: run.defaultBranch,
    branches: resolved.config.change.branches,
    baseline: cfg.baseline,
    configErrors: [...errors, ...notConfigured],
  });
  const result = decideDeployment(facts, { windows: cfg.windows, freezes: resolved.config.change.freezes }, run.now);
  const out = deployCheckOutput(facts, result, run.mode, run.now, run.delivery);
  const check = await writeDeployCheck(octokit, r, deployment, out, run.now, earlier);
  if (result.decision === "approved") await rememberApproved(octokit, r, deployment);
  const comment = gateComment(result, check.htmlUrl);
  await memory.set(key, { decision: result.decision, comment });
  return { decision: result.decision, source: "decided", callback: await answer(result.decision, comment), facts, result };
}
