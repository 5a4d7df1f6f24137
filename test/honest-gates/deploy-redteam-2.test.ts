import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import type { CheckRun } from "../../src/simulator/types.js";
import { changeStack, openChange, REPO } from "../helpers/change-stack.js";
import { sweepNow } from "../helpers/incident-stack.js";
import { deploy, deployedStack, deployStack, mergedChange, PROD, ruleDelivery } from "../deploy/helpers.js";

/**
 * Red team, second round (issue 12), as an outsider. What must hold: a deployment to a gated
 * environment is approved only when the deployed commit is a gated state and every commit since the
 * environment's last approved deployment came through a merged pull request whose OWN `IMS / change
 * control` passed at the head it was merged at; the detective control decides every deployment that
 * no protection rule held; one deployment decision costs a bounded number of calls.
 */

const ownRun = (stack: Stack, sha: string, id: number, name = PROD): CheckRun | undefined =>
  stack.sim.checkRuns(REPO, sha).filter((c) => c.name === name && c.externalId === `deployment:${id}`).at(-1);

describe("deployment gate, red team 2: the protection rule", () => {
  let stack: Stack;
  beforeAll(async () => {
    ({ stack } = await deployedStack(["change:", "  branches: [main, release]", ""].join("\n")));
  });
  afterAll(() => stack.stop());

  it("refuses another app's `IMS / deployment: production` run carrying this deployment's external id, written before the gate decides", async () => {
    const [evil] = stack.sim.as("bob").push(REPO, "main", [{ message: "hotfix", files: { "infra/evil.tf": "open\n" } }]);
    await stack.sim.settle();
    const url = stack.sim.core.hooks.url;
    stack.sim.setWebhookUrl(undefined);
    const job = stack.sim.as("bob").runDeployJob(REPO, { environment: "production", ref: "main" });
    stack.sim.setWebhookUrl(url);
    // the other app claims the decision first: same name, same external id, success
    const copy = stack.sim.otherAppCheckRun(REPO, job.deployment.sha, { name: PROD, conclusion: "success", appId: 4242 });
    copy.externalId = `deployment:${job.deployment.id}`;
    stack.sim.redeliver(ruleDelivery(stack, job.runId).id);
    await stack.sim.settle();
    const gate = stack.sim.deploymentGate(job.runId);
    expect(gate?.state).toBe("rejected");
    expect(gate?.reviews.at(-1)?.comment).toContain(evil!.sha.slice(0, 7));
  });

});

describe("deployment gate, red team 2: a pull request's own check, not its head's newest", () => {
  let stack: Stack;
  beforeAll(async () => {
    ({ stack } = await deployedStack(["change:", "  branches: [main, release]", ""].join("\n")));
  });
  afterAll(() => stack.stop());

  it("rejects a pull request merged with its own change control failing, even when a later pull request of the same head passed (into another target)", async () => {
    // #A into main: no approval, its own `IMS / change control` fails at head H; merged anyway
    stack.sim.as("alice").push(REPO, "release", [{ message: "release line", files: { "RELEASE.md": "r\n" } }]);
    const a = openChange(stack, { head: "shared-head", files: { "infra/shared.tf": "s\n" } });
    await stack.sim.settle();
    const head = a.pull.headSha;
    expect(stack.sim.checkRuns(REPO, head).filter((c) => c.name === "IMS / change control").at(-1)?.conclusion).not.toBe("success");
    stack.sim.as("alice").merge(REPO, a.number, { method: "merge" });
    await stack.sim.settle();
    // #B: the same head into release, approved there: this app writes a success run on H for #B
    const b = stack.sim.as("alice").openPullRequest(REPO, { title: "Same head to release", head: "shared-head", base: "release", body: "Release it.\n\nChange: #1", labels: ["ims:change"] });
    stack.sim.as("sec1").review(REPO, b.number, "APPROVE");
    await stack.sim.settle();
    expect(stack.sim.checkRuns(REPO, head).filter((c) => c.name === "IMS / change control").at(-1)?.conclusion).toBe("success");
    // main now holds #A's merge, whose own gate never passed: the deployment must be rejected
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`#${a.number} did not pass IMS / change control`);
  });
});

describe("deployment gate, red team 2: a forged trace in a freeze", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack('change:\n  freezes:\n    - { from: "2026-03-03T00:00", to: "2026-03-06T00:00", timeZone: UTC, reason: quarter close }\n');
  });
  afterAll(() => stack.stop());

  it("refuses a forged ims-trace (change.gate, type emergency, a standard rule) in a normal change's body", async () => {
    // the body is the author's; the type is only what this app's own run at the head recorded
    const pr = openChange(stack, { head: "forged-trace", files: { "infra/forged.tf": "f\n" } });
    const trace = `<!-- ims-trace {"v":1,"rule":"change.gate","inputs":{"pr":${pr.number}},"result":{"type":"emergency","standardRule":"docs-only"}} -->`;
    stack.sim.as("alice").editPullRequest(REPO, pr.number, { body: `Rotate it.\n\nChange: #1\n\n${trace}` });
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number);
    await stack.sim.settle();
    expect(stack.sim.pull(REPO, pr.number).pull.merged).toBe(true);
    stack.sim.clock.set("2026-03-04T10:00:00Z");
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("quarter close");
    expect(d.check!.output.summary).not.toContain("docs-only");
    expect(d.check!.output.title).not.toMatch(/emergency/);
  });
});

describe("deployment gate, red team 2: cost of one decision", () => {
  let stack: Stack;
  beforeAll(async () => {
    ({ stack } = await deployedStack());
  });
  afterAll(() => stack.stop());

  it("a branch of 240 direct commits deployed by anyone with write access is rejected without hundreds of API calls", async () => {
    // the deployed commit is not on main: the decision is `rejected` before any commit is walked
    const commits = Array.from({ length: 240 }, (_, i) => ({ message: `spam ${i}`, files: { "spam.txt": `${i}\n` } }));
    stack.sim.as("bob").push(REPO, "spam", commits);
    await stack.sim.settle();
    stack.sim.resetRequestLog();
    const d = await deploy(stack, "bob", "spam");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toMatch(/is not on main/);
    const end = stack.sim.requestLog.findIndex((r) => r.route.endsWith("/deployment_protection_rule"));
    const calls = stack.sim.requestLog.slice(0, end + 1).filter((r) => !r.route.includes("access_tokens")).length;
    // a job any writer can start as often as they like: each costs at most a few dozen calls
    expect(calls).toBeLessThan(50);
  });
});

describe("deployment gate, red team 2: the detective control (no protection rule on production)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await changeStack({ config: "deploy:\n  baseline: root\n" });
    await mergedChange(stack, { head: "first" });
  });
  afterAll(() => stack.stop());

  it("flags a REST deployment to `PRODUCTION` (GitHub's environment names are not case sensitive) of a direct push", async () => {
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "direct", files: { "infra/direct.tf": "d\n" } }]);
    const dep = stack.sim.as("bob").createDeployment(REPO, { ref: "main", environment: "PRODUCTION" });
    stack.sim.as("bob").deploymentStatus(REPO, dep.id, "success");
    await stack.sim.settle();
    const check = ownRun(stack, dep.sha, dep.id, `IMS / deployment: ${dep.environment}`);
    expect(check?.conclusion).toBe("neutral");
    expect(check?.output.summary).toContain(pushed!.sha.slice(0, 7));
  });
});

describe("deployment gate, red team 2: base branch, timing, approvals after the merge", () => {
  let stack: Stack;
  beforeAll(async () => {
    ({ stack } = await deployedStack());
  });
  afterAll(() => stack.stop());

  it("refuses a pull request opened into a branch that is not a target (not a change there), re-based onto main and merged without approval", async () => {
    stack.sim.as("alice").push(REPO, "dev", [{ message: "dev line", files: { "DEV.md": "d\n" } }]);
    const pr = stack.sim.as("alice").openPullRequest(REPO, { title: "Into dev first", head: "rebased", base: "dev", body: "Tweak.", files: { "infra/rebased.tf": "r\n" } });
    await stack.sim.settle();
    const head = pr.pull.headSha;
    expect(stack.sim.checkRuns(REPO, head).filter((c) => c.name === "IMS / change control").at(-1)?.conclusion).toBe("neutral");
    stack.sim.as("alice").editPullRequest(REPO, pr.number, { base: "main" });
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`#${pr.number} did not pass IMS / change control`);
  });

  it("judges the deployment's own commit, not main after it moved while the request waited", async () => {
    const fresh = await freshStack();
    try {
      const url = fresh.sim.core.hooks.url;
      fresh.sim.setWebhookUrl(undefined);
      const job = fresh.sim.as("alice").runDeployJob(REPO, { environment: "production", ref: "main" });
      fresh.sim.setWebhookUrl(url);
      // main moves (a direct push) before the request reaches the app
      const [pushed] = fresh.sim.as("bob").push(REPO, "main", [{ message: "after the request", files: { "infra/late.tf": "l\n" } }]);
      fresh.sim.redeliver(ruleDelivery(fresh, job.runId).id);
      await fresh.sim.settle();
      const gate = fresh.sim.deploymentGate(job.runId);
      expect(gate?.state).toBe("approved");
      expect(gate?.reviews.at(-1)?.comment).not.toContain(pushed!.sha.slice(0, 7));
      // and the next deployment of main names the direct push
      const next = await deploy(fresh, "bob");
      expect(next.gate?.state).toBe("rejected");
      expect(next.comment).toContain(pushed!.sha.slice(0, 7));
    } finally {
      await fresh.stop();
    }
  });

  it("refuses a change merged without approval and approved only after the merge", async () => {
    const fresh = await freshStack();
    try {
      const pr = openChange(fresh, { head: "late-approval", files: { "infra/late.tf": "a\n" } });
      await fresh.sim.settle();
      fresh.sim.as("alice").merge(REPO, pr.number);
      await fresh.sim.settle();
      fresh.sim.as("sec1").review(REPO, pr.number, "APPROVE");
      await fresh.sim.settle();
      const d = await deploy(fresh);
      expect(d.gate?.state).toBe("rejected");
      expect(d.comment).toContain(`#${pr.number} did not pass IMS / change control`);
    } finally {
      await fresh.stop();
    }
  });
});

/** A stack whose main is an approved change's merge, deployed once (approved). */
async function freshStack(): Promise<Stack> {
  const s = await deployStack();
  await mergedChange(s, { head: "first" });
  expect((await deploy(s)).gate?.state).toBe("approved");
  return s;
}

describe("deployment gate, red team 2: the walk's start cannot be pushed away", () => {
  let stack: Stack;
  afterAll(() => stack.stop());

  it("eleven rejected deployments of a branch do not hide the environment's last approved deployment", async () => {
    const ready = await deployedStack();
    stack = ready.stack;
    const approved = ready.first;
    // anyone who can start the deploy job floods the environment with rejected deployments
    stack.sim.as("bob").push(REPO, "flood", [{ message: "flood", files: { "flood.txt": "x\n" } }]);
    for (let i = 0; i < 11; i++) expect((await deploy(stack, "bob", "flood")).gate?.state).toBe("rejected");
    await mergedChange(stack, { head: "second", files: { "infra/second.tf": "2\n" } });
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    // the walk starts at the last approved deployment, not back at the baseline: with a history longer
    // than the walk's limit, falling back to the baseline rejects every deployment from then on
    expect(d.check!.output.summary).toContain(`since deployment ${approved.deployment.id}`);
  });
});

describe("deployment gate, red team 2: a rejected deployment that says it ran", () => {
  let stack: Stack;
  afterAll(() => stack.stop());

  it("a deployment the rule rejected, then given a `success` status through the REST API, is flagged on the dashboard", async () => {
    ({ stack } = await deployedStack());
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "direct", files: { "infra/direct.tf": "d\n" } }]);
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(pushed!.sha.slice(0, 7));
    // the deployer ran it anyway (out of band) and reports it deployed
    stack.sim.as("bob").deploymentStatus(REPO, d.deployment.id, "success");
    await stack.sim.settle();
    await sweepNow(stack);
    const dashboard = [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body).toContain(`deployment ${d.deployment.id} to production`);
  });
});
