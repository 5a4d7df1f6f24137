import { expect } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, openChange, REPO } from "../helpers/change-stack.js";

export { REPO };
export const PROD = "IMS / deployment: production";

/** The change stack with ims-bot enabled as production's protection rule and the root as the baseline. */
export async function deployStack(extra = ""): Promise<Stack> {
  const stack = await changeStack({ config: `deploy:\n  baseline: root\n${extra}` });
  stack.sim.enableDeploymentRule(REPO, "production");
  return stack;
}

/** Alice's change (record #1), approved by sec1, merged with `method`; returns the pull request number. */
export async function mergedChange(stack: Stack, opts: { head?: string; method?: "merge" | "squash" | "rebase"; files?: Record<string, string> } = {}): Promise<number> {
  const pr = openChange(stack, { head: opts.head ?? "rotate-cert", ...(opts.files ? { files: opts.files } : {}) });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  stack.sim.as("alice").merge(REPO, pr.number, opts.method ? { method: opts.method } : {});
  await stack.sim.settle();
  return pr.number;
}

/** A workflow job by `who` deploying main to production; waits for the app's answer. */
export async function deploy(stack: Stack, who = "alice", ref = "main", environment = "production") {
  const job = stack.sim.as(who).runDeployJob(REPO, { environment, ref });
  await stack.sim.settle();
  const gate = stack.sim.deploymentGate(job.runId);
  const check = stack.sim.checkRuns(REPO, job.deployment.sha).filter((c) => c.externalId === `deployment:${job.deployment.id}`).at(-1);
  return { ...job, gate, check, comment: gate?.reviews.at(-1)?.comment ?? "" };
}

/** The delivery of the protection rule request for a run, to redeliver it. */
export function ruleDelivery(stack: Stack, runId: number) {
  return stack.sim.deliveries.find((d) => d.event === "deployment_protection_rule" && d.body.includes(`/actions/runs/${runId}/`))!;
}

/**
 * deployStack with a first change merged and deployed, approved: the environment's last approved
 * deployment, where the walk of every later deployment starts. Returns the stack and that deployment.
 */
export async function deployedStack(extra = "") {
  const stack = await deployStack(extra);
  await mergedChange(stack, { head: "first" });
  const first = await deploy(stack);
  expect(first.gate?.state).toBe("approved");
  return { stack, first };
}
