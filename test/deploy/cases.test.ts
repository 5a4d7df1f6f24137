import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { approvedEmergencyChange, openChange, REPO } from "../helpers/change-stack.js";
import { deploy, deployStack, mergedChange, ruleDelivery } from "./helpers.js";

// 2026-03-02 is a Monday; the stack starts at 09:00 UTC
const CONFIG = [
  "  windows:",
  "    - { days: [mon, tue, wed, thu, fri], from: \"08:00\", to: \"18:00\", timeZone: Europe/Berlin }",
  "  incidentOnFailure: true",
  "change:",
  "  freezes:",
  "    - { from: \"2026-03-04T00:00\", to: \"2026-03-05T23:59\", timeZone: UTC, reason: quarter close }",
  "",
].join("\n");

describe("deployment gate cases: freeze, window, emergency, failure, rollback", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack(CONFIG);
  });
  afterAll(() => stack.stop());

  it("a failed deployment marks its change failed, notes it on the record and the pull request, and opens one incident", async () => {
    const pr = await mergedChange(stack, { method: "squash" });
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    stack.sim.as("alice").finishDeployJob(REPO, d.deployment.id, "failure");
    await stack.sim.settle();
    for (const n of [pr, 1]) {
      expect(stack.sim.labels(REPO, n)).toContain("change:failed");
      const note = stack.sim.comments(REPO, n).find((c) => c.body.startsWith("<!-- ims-deployments"));
      expect(note?.body).toMatch(/\| production \| `[0-9a-f]{7}` \| @\u200balice \|.*\| failure \| approved \|/);
      expect(note?.body).toContain("**Outcome: failed.**");
    }
    const incidents = () => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => !i.pull && i.labels.includes("ims:incident"));
    expect(incidents()).toHaveLength(1);
    // the status redelivered: still one incident, one note
    const status = stack.sim.deliveries.filter((x) => x.event === "deployment_status").at(-1)!;
    stack.sim.core.hooks.enqueue("deployment_status", JSON.parse(status.body) as Record<string, unknown>);
    await stack.sim.settle();
    expect(incidents()).toHaveLength(1);
    expect(stack.sim.comments(REPO, pr).filter((c) => c.body.startsWith("<!-- ims-deployments"))).toHaveLength(1);
  });

  it("approves a rebase merge: each replayed commit is associated with its approved pull request", async () => {
    const pr = openChange(stack, { head: "rebased", files: { "infra/r.tf": "r\n" } });
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "second step", files: { "infra/r.tf": "r2\n" } }]);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number, { method: "rebase" });
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    expect(d.check!.output.summary).toContain("2 since deployment");
  });

  it("rejects outside the change window, with the next opening", async () => {
    stack.sim.clock.set("2026-03-02T18:30:00Z"); // 19:30 in Berlin
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("the next window opens at 2026-03-03T07:00:00.000Z");
  });

  it("rejects a deployment in a freeze", async () => {
    stack.sim.clock.set("2026-03-04T10:00:00Z");
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("quarter close");
  });

  it("approves an approved emergency change in the freeze and records the deployment on its post-implementation review", async () => {
    const pr = await approvedEmergencyChange(stack);
    stack.sim.as("alice").merge(REPO, pr.number);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    expect(d.check!.output.summary).toContain(`"emergency":true`);
    stack.sim.as("alice").finishDeployJob(REPO, d.deployment.id, "success");
    await stack.sim.settle();
    const link = stack.sim.comments(REPO, pr.number).map((c) => /Post-implementation review: #(\d+)/.exec(c.body)?.[1]).find(Boolean);
    expect(link).toBeDefined();
    const note = stack.sim.comments(REPO, Number(link)).find((c) => c.body.startsWith("<!-- ims-deployments"));
    expect(note?.body).toContain("| production |");
    expect(note?.body).toContain("| success | approved |");
    expect(ruleDelivery(stack, d.runId).status).toBe(200);
  });

  it("a rollback (an older commit deployed again) marks the replaced change failed", async () => {
    const deployments = stack.sim.deployments(REPO).filter((d) => d.environment === "production");
    const older = deployments[0]!.sha;
    const latest = deployments.at(-1)!;
    const emergency = [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.pull?.merged).at(-1)!;
    expect(latest.sha).not.toBe(older);
    // a person deploys the older commit outside Actions (no protection rule holds it): the detective control decides too
    const back = stack.sim.as("erin").createDeployment(REPO, { ref: older, environment: "production" });
    stack.sim.as("erin").deploymentStatus(REPO, back.id, "success");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, emergency.number)).toContain("change:failed");
    const note = stack.sim.comments(REPO, emergency.number).find((c) => c.body.startsWith("<!-- ims-deployments"));
    expect(note?.body).toContain("rolled back");
  });
});

describe("deployment outcomes that are no failure of the change", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack("  windows:\n    - { days: [sat], from: \"08:00\", to: \"09:00\" }\n");
  });
  afterAll(() => stack.stop());

  it("a deployment the rule rejected ends `failure` (the job failed): its changes are not marked failed", async () => {
    const pr = await mergedChange(stack);
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected"); // outside the only window
    stack.sim.as("alice").finishDeployJob(REPO, d.deployment.id, "failure");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, pr)).not.toContain("change:failed");
    expect(stack.sim.comments(REPO, pr).find((c) => c.body.startsWith("<!-- ims-deployments"))?.body).toContain("| failure | rejected |");
  });
});
