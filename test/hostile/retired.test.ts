import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, card, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("says on the card that an issue is no longer an incident record when ims:incident is removed, and resumes when it is added again", async () => {
  const { sim } = stack;
  const i = sim.as("bob").openIssue(REPO, { title: "Not really", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  expect(card(stack, i.number)).toContain("Priority P1");
  sim.as("tom").removeLabel(REPO, i.number, "ims:incident");
  await sim.settle();
  expect(card(stack, i.number)).toContain("### No longer an incident record");
  expect(card(stack, i.number)).toContain("removed `ims:incident`");
  expect(card(stack, i.number)).not.toContain("Respond within");
  sim.as("tom").addLabels(REPO, i.number, ["ims:incident"]);
  await sim.settle();
  expect(card(stack, i.number)).toContain("Priority P1");
  expect(sim.comments(REPO, i.number).filter((c) => c.body.startsWith("<!-- ims-card -->"))).toHaveLength(1);
});
