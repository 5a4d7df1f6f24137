import { afterEach, beforeEach, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { incidentForm } from "../../src/demo/forms.js";

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  stack.sim.createOrg("acme", { members: ["alice"] });
  stack.sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(stack.sim, "acme/web");
});
afterEach(async () => stack.stop());

it("a GitHub error fails the delivery without marking it handled; redelivering it completes the work exactly once", async () => {
  const { sim } = stack;
  sim.failNext("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 502, 1);
  const issue = sim.as("alice").openIssue("acme/web", { title: "Down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "." }), labels: ["ims:incident"] });
  await sim.settle();
  const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
  expect(opened.status).toBeGreaterThanOrEqual(500); // GitHub shows the delivery as failed
  expect(sim.labels("acme/web", issue.number)).toContain("priority:P1"); // what was written stays
  expect(sim.comments("acme/web", issue.number)).toHaveLength(0);

  sim.redeliver(opened.id);
  await sim.settle();
  expect(sim.deliveries.at(-1)!.status).toBe(200);
  const cards = sim.comments("acme/web", issue.number).filter((c) => c.body.startsWith("<!-- ims-card -->"));
  expect(cards).toHaveLength(1);
  expect(sim.labels("acme/web", issue.number).filter((l) => l.startsWith("priority:"))).toEqual(["priority:P1"]);
});

it("a handler still at work after GitHub's delivery was answered 202 (after 9 s) is waited for: settle() means the app finished", async () => {
  const { sim } = stack;
  // the app's first request for the new issue is held past @octokit/webhooks' 9-second answer
  sim.beforeNext("GET /repos/{owner}/{repo}/issues/{issue_number}", () => new Promise((resolve) => setTimeout(resolve, 9_500)));
  const issue = sim.as("alice").openIssue("acme/web", { title: "Down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "." }), labels: ["ims:incident"] });
  await sim.settle();
  expect(sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")?.status).toBe(202);
  expect(sim.labels("acme/web", issue.number)).toContain("priority:P1");
  expect(sim.comments("acme/web", issue.number).filter((c) => c.body.startsWith("<!-- ims-card -->"))).toHaveLength(1);
}, 60_000);
