import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { CHECK, openChange, REPO } from "../helpers/change-stack.js";
import { deploy, deployedStack, deployStack, mergedChange, ruleDelivery } from "../deploy/helpers.js";

/**
 * What must be true for a deployment to pass: the deployed commit is on main, and every commit since
 * the last approved deployment came through a merged pull request whose own `IMS / change control`
 * (this app's run) passed at the head it was merged at. Each test tries to pass without that.
 */
describe("the deployment gate refuses", () => {
  let stack: Stack;
  beforeAll(async () => {
    ({ stack } = await deployedStack());
  });
  afterAll(() => stack.stop());

  it("deploying a branch's commit that is not on main, even one whose pull request passed", async () => {
    const pr = openChange(stack, { head: "feature-x", files: { "infra/x.tf": "x\n" } });
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    const d = await deploy(stack, "alice", "feature-x");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toMatch(/is not on main/);
  });

  it("a deployment_callback_url naming another repository's run (it is never answered)", async () => {
    // the request is held back (no webhook URL), then a copy with a forged callback URL is sent instead
    const url = stack.sim.core.hooks.url;
    stack.sim.setWebhookUrl(undefined);
    const job = stack.sim.as("alice").runDeployJob(REPO, { environment: "production", ref: "main" });
    stack.sim.setWebhookUrl(url);
    const original = ruleDelivery(stack, job.runId);
    const payload = JSON.parse(original.body) as Record<string, unknown>;
    stack.sim.core.hooks.enqueue("deployment_protection_rule", { ...payload, deployment_callback_url: `${stack.sim.url}/repos/acme/other/actions/runs/${job.runId}/deployment_protection_rule` });
    await stack.sim.settle();
    expect(stack.sim.deploymentGate(job.runId)).toMatchObject({ state: "waiting", reviews: [] });
    // the genuine request is answered
    stack.sim.redeliver(original.id);
    await stack.sim.settle();
    expect(stack.sim.deploymentGate(job.runId)?.state).not.toBe("waiting");
  });

  it("a config in the deployed branch that drops production from deploy.environments (the default branch's config decides)", async () => {
    stack.sim.as("bob").push(REPO, "loose", [{ message: "ungate", files: { ".github/ims.yml": "deploy:\n  environments: [staging]\n" } }]);
    await stack.sim.settle();
    const d = await deploy(stack, "bob", "loose");
    expect(d.gate?.state).toBe("rejected");
    // judged by main's config (production gated): the reason is the commit, not an environment left out
    expect(d.comment).toMatch(/is not on main/);
    expect(d.comment).not.toMatch(/does not list/);
  });

  it("a check run named IMS / change control by another app at the pull request's head", async () => {
    const pr = openChange(stack, { head: "copycat", files: { "infra/copy.tf": "c\n" } });
    await stack.sim.settle();
    stack.sim.otherAppCheckRun(REPO, pr.pull.headSha, { name: CHECK, conclusion: "success", appId: 4242 });
    stack.sim.as("alice").merge(REPO, pr.number);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`#${pr.number} did not pass IMS / change control`);
  });

  it("a pull request whose check passed at an older head, merged after a new push", async () => {
    const pr = openChange(stack, { head: "moved", files: { "infra/moved.tf": "a\n" } });
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "one more thing", files: { "infra/moved.tf": "b\n" } }]);
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`#${pr.number} did not pass IMS / change control`);
  });

  it("asking again after a rejection (a new delivery of the same request, and a redelivery)", async () => {
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    const delivery = ruleDelivery(stack, d.runId);
    stack.sim.redeliver(delivery.id);
    stack.sim.core.hooks.enqueue("deployment_protection_rule", JSON.parse(delivery.body) as Record<string, unknown>);
    await stack.sim.settle();
    expect(stack.sim.deploymentGate(d.runId)?.state).toBe("rejected");
    expect(stack.sim.checkRuns(REPO, d.deployment.sha).filter((c) => c.externalId === `deployment:${d.deployment.id}`)).toHaveLength(1);
  });

  it("a deploy.baseline pushed straight to main (the config commit itself is a direct push the walk names)", async () => {
    const [evil] = stack.sim.as("bob").push(REPO, "main", [{ message: "sneak", files: { "infra/evil.tf": "e\n" } }]);
    const [config] = stack.sim.as("bob").push(REPO, "main", [{ message: "accept it", files: { ".github/ims.yml": `deploy:\n  baseline: "${evil!.sha}"\n` } }]);
    await stack.sim.settle();
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.check!.output.summary).toContain(config!.sha);
  });
});


describe("the deployment gate in a freeze refuses", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack('change:\n  freezes:\n    - { from: "2026-03-03T00:00", to: "2026-03-06T00:00", timeZone: UTC, reason: quarter close }\n');
  });
  afterAll(() => stack.stop());

  it("labelling a merged normal change change:emergency (the type is the one its check passed with, at its head)", async () => {
    const pr = await mergedChange(stack, { head: "normal" });
    stack.sim.clock.set("2026-03-04T10:00:00Z");
    stack.sim.as("alice").addLabels(REPO, pr, ["change:emergency"]);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("quarter close");
  });
});
