import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { decodeTraces } from "../../src/core/trace.js";
import { GITHUB_MAX_COMMENT } from "../../src/records/card.js";
import { GITHUB_MAX_BODY } from "../../src/records/form.js";
import { card, form, REPO, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("a form answer as long as GitHub allows still gets a card: the trace cuts people's text to fit a comment", async () => {
  const { sim } = stack;
  // `-` is escaped six-fold inside a trace: a 60,000-character answer would make a 360,000-character card
  const body = form("High", "High", "-".repeat(60_000));
  expect(body.length).toBeLessThanOrEqual(GITHUB_MAX_BODY);
  const i = sim.as("alice").openIssue(REPO, { title: "Long", body, labels: ["ims:incident"] });
  await sim.settle();

  expect(sim.deliveries.filter((d) => d.status >= 400)).toEqual([]);
  const text = card(stack, i.number);
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(GITHUB_MAX_COMMENT);
  const classify = decodeTraces(text).find((t) => t.rule === "incident.classify")!;
  expect(classify.inputs.service).toMatch(/^-{500}… \(59500 more characters\)$/);
  expect(classify.result.priority).toBe("P1");
  expect(sim.labels(REPO, i.number)).toContain("priority:P1");
});
