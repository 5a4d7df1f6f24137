import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, form, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("applies shortened SLA targets at the next sweep, not at the time the old targets would have changed state", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(1 * MIN);
  sim.as("tom").comment(REPO, issue.number, "On it");
  await sim.settle();
  // The process now remembers: resolve at risk at 3h (of 4h). The service manager shortens P1 to 1h.
  sim.clock.advance(29 * MIN);
  sim.as("bob").putFile(REPO, ".github/ims.yml", "sla:\n  targets:\n    P1: { respond: 15m, resolve: 1h, calendar: 24x7 }\n");
  await sim.settle();
  sim.clock.advance(35 * MIN);
  sim.as("ops").dispatch(REPO, "ims-sweep");
  await sim.settle();
  // 65 minutes unresolved against a 1h target: breached, management told.
  expect(sim.labels(REPO, issue.number)).toContain("sla:breached");
  expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(1);
});
