import { encodeTrace } from "../../src/core/trace.js";
import type { SimDeployment, SimDeploymentState } from "../../src/simulator/deployment-types.js";
import type { Simulator } from "../../src/simulator/index.js";
import { createCheckRun } from "../../src/simulator/ops/checks.js";
import { pushCommits } from "../../src/simulator/ops/push.js";
import type { CheckRun } from "../../src/simulator/types.js";

let ids = 9000;

/**
 * Puts a deployment straight into the simulator's state (as GitHub would hold it after the REST calls),
 * with statuses `[state, minutes after creation]`; the REST side is the deployment gate's.
 */
export function seedDeployment(sim: Simulator, repo: string, d: { sha: string; ref?: string; environment?: string; creator?: string; at: string; statuses?: Array<[SimDeploymentState, number]> }): SimDeployment {
  const id = ++ids;
  const t = Date.parse(d.at);
  const statuses = (d.statuses ?? []).map(([state, min], i) => ({
    id: id * 10 + i,
    state,
    creator: "github-actions[bot]",
    description: `${state}`,
    environmentUrl: "",
    logUrl: `https://example.invalid/logs/${id}`,
    createdAt: new Date(t + min * 60_000).toISOString().replace(/\.000Z$/, "Z"),
  }));
  const dep: SimDeployment = {
    id,
    repo,
    sha: d.sha,
    ref: d.ref ?? "main",
    task: "deploy",
    environment: d.environment ?? "production",
    creator: d.creator ?? "alice",
    description: null,
    productionEnvironment: (d.environment ?? "production") === "production",
    transientEnvironment: false,
    createdAt: d.at,
    updatedAt: statuses.at(-1)?.createdAt ?? d.at,
    runId: null,
    statuses,
  };
  sim.core.store.deployments.set(id, dep);
  return dep;
}

/** The gate's check run on the deployed commit, as the contract on main says the app leaves it. */
export function gateRun(
  sim: Simulator,
  d: SimDeployment,
  result: { decision: "approved" | "rejected"; reasons?: string[]; changes?: Array<{ repo: string; pull: number; record: number | null }>; directPushes?: string[] },
  opts: { mode?: "prevent" | "detect"; appId?: number; externalId?: string } = {},
): CheckRun {
  const mode = opts.mode ?? "prevent";
  const trace = {
    v: 1 as const,
    rule: "deploy.gate",
    inputs: { deployment: { id: d.id, environment: d.environment, sha: d.sha, ref: d.ref, creator: d.creator, createdAt: d.createdAt }, mode },
    result: { decision: result.decision, reasons: result.reasons ?? [], changes: result.changes ?? [], directPushes: result.directPushes ?? [] },
    time: d.createdAt,
    delivery: "d-deploy",
  };
  const conclusion = result.decision === "approved" ? "success" : mode === "detect" ? "neutral" : "failure";
  const run = createCheckRun(sim.core, sim.botLogin, sim.core.store.repoByName(d.repo), {
    name: `IMS / deployment: ${d.environment}`,
    head_sha: d.sha,
    external_id: opts.externalId ?? `deployment:${d.id}`,
    conclusion,
    completed_at: d.createdAt,
    output: { title: `Deployment ${result.decision}`, summary: `${result.decision}\n\n${encodeTrace(trace)}` },
  });
  if (opts.appId !== undefined) run.appId = opts.appId;
  return run;
}

/** A commit pushed straight to the default branch (no pull request). */
export function directPush(sim: Simulator, repo: string, by: string): string {
  const [c] = pushCommits(sim.core, by, sim.core.store.repoByName(repo), "main", [{ message: "hotfix without review", files: { "app.js": "x = 1\n" } }]);
  return c!.sha;
}
