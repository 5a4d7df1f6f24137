import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, card, form, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("keeps the earliest response when a triager who commented before the incident label comments again later", async () => {
  const { sim } = stack;
  // A plain issue: a triager asks a question before it is made an incident.
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High") });
  await sim.settle();
  sim.clock.advance(1 * MIN);
  sim.as("tom").comment(REPO, issue.number, "Is this production?");
  await sim.settle();
  sim.clock.advance(1 * MIN);
  sim.as("bob").addLabels(REPO, issue.number, ["ims:incident"]);
  await sim.settle();
  // bob responds 3 minutes after the clock started: the response target is met.
  sim.clock.advance(3 * MIN);
  sim.as("bob").comment(REPO, issue.number, "On it");
  await sim.settle();
  expect(card(stack, issue.number)).toContain("Respond within 15m: met by bob");
  // tom comments again 20 minutes later: the response was still bob's, 3 minutes in.
  sim.clock.advance(15 * MIN);
  sim.as("tom").comment(REPO, issue.number, "Fixed the config");
  await sim.settle();
  sim.as("ops").dispatch(REPO, "ims-sweep");
  await sim.settle();
  expect(card(stack, issue.number)).toContain("Respond within 15m: met by bob");
  expect(sim.labels(REPO, issue.number)).not.toContain("sla:breached");
  expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(0);
});
