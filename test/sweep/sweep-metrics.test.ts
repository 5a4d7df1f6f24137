import { afterEach, beforeEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { registry } from "../../src/ops/metrics.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { MIN, REPO, form, incidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
beforeEach(async () => {
  stack = await incidentStack();
});
afterEach(async () => stack.stop());

/** A metric's value as /metrics shows it (the registry is the process's: read before and after). */
async function value(name: string): Promise<number> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  const values = (m?.values ?? []) as Array<{ value: number; metricName?: string }>;
  return values.filter((v) => !v.metricName || v.metricName === name || v.metricName === `${name}_count`).reduce((a, v) => a + v.value, 0);
}

it("a sweep shows in /metrics: its duration, the records it evaluated and the writes it made", async () => {
  const { sim } = stack;
  sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  const before = { sweeps: await value("ims_sweep_duration_seconds"), records: await value("ims_sweep_records_evaluated_total"), writes: await value("ims_sweep_writes_total") };
  await new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN }).tick();
  await sim.settle();
  expect(await value("ims_sweep_duration_seconds")).toBe(before.sweeps + 1);
  expect(await value("ims_sweep_records_evaluated_total")).toBe(before.records + 1);
  // at risk: the label, the escalation comment, the card
  expect(await value("ims_sweep_writes_total")).toBeGreaterThanOrEqual(before.writes + 2);
});
