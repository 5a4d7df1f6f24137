import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, form, sweepNow, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

const sweep = () => sweepNow(stack);

it("mentions management at the next sweep when posting the escalation comment failed after the labels were set", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  await sweep();
  expect(withMarker(stack, issue.number, escalationMarker("resolver team"))).toHaveLength(1);
  // At the breach, GitHub refuses the management comment once (a validation or abuse error).
  sim.clock.advance(4 * 60 * MIN);
  sim.failNext("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 422, 1);
  await sweep();
  expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(0);
  // The next sweep must still escalate: the marker comment, not a label, is the proof it was done.
  sim.clock.advance(5 * MIN);
  await sweep();
  expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(1);
  expect(sim.labels(REPO, issue.number)).toContain("escalation:hierarchical");
});
