import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("does not run a command again when its delivery comes back after a restart: an old assessment cannot undo a later one", async () => {
  const { sim } = stack;
  const i = sim.as("bob").openIssue(REPO, { title: "Odd login", body: form("Medium", "Medium", "auth", ["Confidentiality"]), labels: ["ims:incident", "security:event"] });
  await sim.settle();
  sim.as("sec1").comment(REPO, i.number, "/ims assess incident");
  await sim.settle();
  const first = sim.deliveries.find((d) => d.event === "issue_comment" && (JSON.parse(d.body) as { comment: { body: string } }).comment.body === "/ims assess incident")!;
  sim.as("sec1").comment(REPO, i.number, "/ims assess not-incident");
  await sim.settle();
  expect(sim.labels(REPO, i.number)).toContain("security:not-incident");

  await stack.restartApp(); // the app restarted: it no longer remembers which deliveries it handled
  sim.resetRequestLog();
  sim.redeliver(first.id);
  await sim.settle();
  // the command is not run again: no label is touched at all
  expect(sim.requestLog.filter((r) => r.actor === sim.botLogin && r.method !== "GET").map((r) => r.route)).toEqual([]);
  expect(sim.deliveries.at(-1)!.status).toBe(200);
  expect(sim.labels(REPO, i.number)).toContain("security:not-incident");
  expect(sim.labels(REPO, i.number)).not.toContain("security:incident");
  expect(sim.comments(REPO, i.number).filter((c) => c.body.includes("ims-reply"))).toHaveLength(2);
});
