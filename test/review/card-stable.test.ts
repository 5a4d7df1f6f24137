import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { MIN, REPO, card, form, writes, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("does not rewrite an escalated record's card when a later event finds nothing new", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  sim.as("ops").dispatch(REPO, "ims-sweep");
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).toContain("sla:at-risk");
  // The card names the resolved resolver team, not the config placeholder.
  expect(card(stack, issue.number)).toContain("to `@acme/service-desk`: SLA at risk");

  const before = card(stack, issue.number);
  sim.resetRequestLog();
  sim.as("alice").editIssue(REPO, issue.number, { body: form("High", "High") + "\n\nStill down." });
  await sim.settle();
  expect(card(stack, issue.number)).toBe(before);
  expect(writes(stack)).toEqual({});
});
