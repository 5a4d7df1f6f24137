import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, card, form, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("does not run the clock while ims:incident is off, as the card promises (\"Add ims:incident again to resume\")", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Slow checkout", body: form("High", "Medium"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(10 * MIN);
  sim.as("bob").removeLabel(REPO, issue.number, "ims:incident");
  await sim.settle();
  sim.clock.advance(3 * 60 * MIN);
  sim.as("bob").addLabels(REPO, issue.number, ["ims:incident"]);
  await sim.settle();
  sim.clock.advance(5 * MIN);
  sim.as("ops").dispatch(REPO, "ims-sweep");
  await sim.settle();
  // 15 of the P2's 30 response minutes ran: at risk is 22.5, breach 30.
  expect(card(stack, issue.number)).toContain("Respond within 30m: running");
  expect(sim.labels(REPO, issue.number)).not.toContain("sla:breached");
  expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(0);
});
