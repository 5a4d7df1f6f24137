import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("on an issue at GitHub's 100-label limit, adds the priority first, says on the card what did not fit, and does not fail the delivery", async () => {
  const { sim } = stack;
  const filler = Array.from({ length: 98 }, (_, i) => `tag-${i}`);
  // a person applies only labels that exist: the repository has them
  sim.quietly(() => filler.forEach((name) => sim.as("org-admin").createLabel(REPO, { name })));
  const i = sim.as("bob").openIssue(REPO, { title: "Crowded", body: form("High", "High", "payments-api", ["Confidentiality", "Integrity"]), labels: ["ims:incident", ...filler] });
  await sim.settle();
  expect(sim.deliveries.filter((d) => d.status >= 400)).toEqual([]);
  const labels = sim.labels(REPO, i.number);
  expect(labels).toHaveLength(100);
  expect(labels).toContain("priority:P1");
  const card = sim.comments(REPO, i.number).find((c) => c.body.startsWith("<!-- ims-card -->"))!.body;
  expect(card).toContain("GitHub allows 100 labels on an issue and this one is full");
  expect(card).toContain("`cia:integrity`");
});
