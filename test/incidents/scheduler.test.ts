import { afterEach, beforeEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { MIN, REPO, form, incidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
beforeEach(async () => {
  stack = await incidentStack();
});
afterEach(async () => stack.stop());

const searches = (s: Stack) => s.sim.requestLog.filter((r) => r.route === "GET /search/issues").length;
/** Reads of the record itself: the sweep evaluated it (the installation-wide search alone does not). */
const recordReads = (s: Stack, n: number) => s.sim.requestLog.filter((r) => r.method === "GET" && r.path.endsWith(`/issues/${n}`)).length;

it("the in-process scheduler sweeps every installation's repositories and escalates what is due, honouring each repository's interval", async () => {
  const { sim } = stack;
  sim.as("erin").putFile(REPO, ".github/ims.yml", "escalation:\n  sweep:\n    intervalMinutes: 15\n");
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN });

  sim.clock.advance(12 * MIN);
  sim.resetRequestLog();
  await scheduler.tick();
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).toContain("sla:at-risk");
  // one search for the installation's records, one for its open pull requests (change freezes)
  expect(searches(stack)).toBe(2);

  // 5 minutes later: this repository asked for a sweep every 15 minutes, so its records are not evaluated yet
  // (the installation-wide search runs on every tick).
  sim.clock.advance(5 * MIN);
  sim.resetRequestLog();
  await scheduler.tick();
  expect(searches(stack)).toBe(2);
  expect(recordReads(stack, issue.number)).toBe(0);

  // 15 minutes after the first sweep they are.
  sim.clock.advance(10 * MIN);
  await scheduler.tick();
  expect(recordReads(stack, issue.number)).toBeGreaterThan(0);
  await scheduler.stop();
});

it("skips a repository whose config turns the scheduled sweep off", async () => {
  const { sim } = stack;
  sim.as("erin").putFile(REPO, ".github/ims.yml", "escalation:\n  sweep:\n    enabled: false\n");
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  sim.resetRequestLog();
  await new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store }).tick();
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).not.toContain("sla:at-risk");
  expect(recordReads(stack, issue.number)).toBe(0);
  // A dispatched sweep still runs.
  sim.as("ops").dispatch(REPO, "ims-sweep");
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).toContain("sla:at-risk");
});
