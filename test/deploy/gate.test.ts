import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { deploy, deployStack, mergedChange, REPO, ruleDelivery } from "./helpers.js";

describe("the deployment gate, end to end on the simulator", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack();
  });
  afterAll(() => stack.stop());

  it("approves an approved change deployed to production, with a check run linked from the answer", async () => {
    const pr = await mergedChange(stack);
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    expect(d.check).toMatchObject({ name: "IMS / deployment: production", conclusion: "success" });
    expect(d.comment).toContain(`Full decision: https://github.com/${REPO}/runs/${d.check!.id}`);
    expect(d.comment.length).toBeLessThanOrEqual(1024);
    expect(d.check!.output.summary).toContain(`"rule":"deploy.gate"`);
    expect(d.check!.output.summary).toContain(`"pull":${pr}`);
    // redelivered: the same answer, no second check run, the delivery does not fail
    const again = stack.sim.redeliver(ruleDelivery(stack, d.runId).id);
    await stack.sim.settle();
    expect(again.status).toBe(200);
    expect(stack.sim.checkRuns(REPO, d.deployment.sha).filter((c) => c.name === "IMS / deployment: production")).toHaveLength(1);
  });

  it("rejects a direct push to main deployed, naming the commit; a re-request answers the same", async () => {
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "hotfix straight to main", files: { "infra/main.tf": "c\n" } }]);
    await stack.sim.settle();
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.check?.conclusion).toBe("failure");
    expect(d.comment).toContain(pushed!.sha.slice(0, 7));
    expect(d.check!.output.summary).toContain(`"directPushes":["${pushed!.sha}"]`);
    // GitHub asking again (a new delivery of the same request) gets the same answer; GitHub's 422 is logged, not retried
    const original = ruleDelivery(stack, d.runId);
    const repeat = stack.sim.core.hooks.enqueue("deployment_protection_rule", JSON.parse(original.body) as Record<string, unknown>);
    await stack.sim.settle();
    expect(repeat.status).toBe(200);
    expect(stack.sim.deploymentGate(d.runId)?.state).toBe("rejected");
  });

  it("walks past a page of the compare, and rejects past its limit of 250 commits, saying so", async () => {
    stack.sim.quietly(() => stack.sim.as("bob").push(REPO, "main", Array.from({ length: 260 }, (_, i) => ({ message: `bulk ${i}`, files: { "bulk.txt": `${i}\n` } }))));
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toMatch(/261 commits since deployment \d+ \([0-9a-f]{7}\), the last approved one to production: more than the 250 the gate walks/);
  });

  it("a read that fails (GitHub 500) rejects the waiting job, saying so, rather than leaving it waiting", async () => {
    stack.sim.failNext("GET /repos/{owner}/{repo}/deployments/{deployment_id}", 500, 1);
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("could not read what it decides from");
    expect(ruleDelivery(stack, d.runId).status).toBe(500);
  });
});

