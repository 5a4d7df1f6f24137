import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import type { CheckRun } from "../../src/simulator/types.js";
import { changeStack, REPO } from "../helpers/change-stack.js";
import { sweepNow } from "../helpers/incident-stack.js";
import { deploy, deployStack, mergedChange, PROD } from "../deploy/helpers.js";

/**
 * Issue 12, red team finding: a deployment made through `POST /repos/{owner}/{repo}/deployments` is
 * never held by a protection rule. What must hold for it to pass unflagged: the detective control
 * decides it. The bypass: a deployer acting on `deployment.created` that posts no status, or only
 * `queued` (a state that says it has not run), so `deployment_status` never decides it. Refused: the
 * gate decides such a deployment on `deployment.created` itself.
 */

const ownRuns = (stack: Stack, sha: string, id: number): CheckRun[] => stack.sim.checkRuns(REPO, sha).filter((c) => c.name === PROD && c.externalId === `deployment:${id}`);
const writes = (stack: Stack) => stack.sim.requestLog.filter((r) => r.actor === stack.sim.botLogin && !r.route.startsWith("GET ") && !r.route.includes("access_tokens") && r.route !== "POST /graphql");
const creationOf = (stack: Stack, id: number) =>
  stack.sim.deliveries.find((d) => d.event === "deployment" && (JSON.parse(d.body) as { deployment: { id: number } }).deployment.id === id)!;

describe("honest gates: a REST deployment that never reports that it ran is still decided", () => {
  let stack: Stack;
  beforeAll(async () => {
    // no custom protection rule on production: the gate can only detect
    stack = await changeStack({ config: "deploy:\n  baseline: root\n" });
  });
  afterAll(() => stack.stop());

  it("an approved change's merge result deployed through the REST API is approved in detect mode and not flagged", async () => {
    await mergedChange(stack, { head: "approved" });
    const dep = stack.sim.as("alice").createDeployment(REPO, { ref: "main", environment: "production" });
    await stack.sim.settle();
    const runs = ownRuns(stack, dep.sha, dep.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).toBe("success");
    expect(runs[0]!.output.summary).toContain(`"mode":"detect"`);
    await sweepNow(stack);
    const dashboard = [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body ?? "").not.toContain(`deployment ${dep.id} to production`);
  });

  it("a direct push deployed through the REST API whose deployer posts only `queued` is flagged neutral, naming the push, and listed on the dashboard", async () => {
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "quiet fix", files: { "infra/quiet.tf": "q\n" } }]);
    await stack.sim.settle();
    const dep = stack.sim.as("bob").createDeployment(REPO, { ref: "main", environment: "production" });
    stack.sim.as("bob").deploymentStatus(REPO, dep.id, "queued");
    await stack.sim.settle();
    const runs = ownRuns(stack, dep.sha, dep.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).toBe("neutral");
    expect(runs[0]!.output.summary).toContain(pushed!.sha.slice(0, 7));
    await sweepNow(stack);
    const dashboard = [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body).toContain(`deployment ${dep.id} to production`);
  });

  it("a redelivered `deployment.created` writes nothing new, and the later `success` status reuses the one check run", async () => {
    stack.sim.as("bob").push(REPO, "main", [{ message: "another", files: { "infra/another.tf": "a\n" } }]);
    await stack.sim.settle();
    const dep = stack.sim.as("bob").createDeployment(REPO, { ref: "main", environment: "production" });
    await stack.sim.settle();
    const before = ownRuns(stack, dep.sha, dep.id).map((c) => ({ ...c, output: { ...c.output } }));
    expect(before).toHaveLength(1);
    stack.sim.resetRequestLog();
    stack.sim.redeliver(creationOf(stack, dep.id).id);
    await stack.sim.settle();
    expect(writes(stack).map((r) => r.route)).toEqual([]);
    expect(ownRuns(stack, dep.sha, dep.id)).toEqual(before);
    // the deployer reports it ran: still one check run for the deployment, the same decision
    stack.sim.as("bob").deploymentStatus(REPO, dep.id, "success");
    await stack.sim.settle();
    const after = ownRuns(stack, dep.sha, dep.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.conclusion).toBe("neutral");
  });
});

describe("honest gates: an Actions job's deployment waits for the protection rule", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack();
  });
  afterAll(() => stack.stop());

  it("a job deployment of a direct push (its `deployment.created` names the workflow run) is rejected by the rule, not merely flagged before it", async () => {
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "direct", files: { "infra/direct.tf": "d\n" } }]);
    await stack.sim.settle();
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(pushed!.sha.slice(0, 7));
    const runs = ownRuns(stack, d.deployment.sha, d.deployment.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).toBe("failure");
    expect(runs[0]!.output.summary).toContain(`"mode":"prevent"`);
  });
});
