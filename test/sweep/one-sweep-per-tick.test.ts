import { afterEach, beforeEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { fenceWrites, LeaseLostError } from "../../src/github/fenced-writes.js";
import type { Octokit } from "../../src/github/types.js";
import { SWEEP_LEASE_MS } from "../../src/store/areas.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { MIN, REPO, form, incidentStack } from "../helpers/incident-stack.js";

/**
 * Replicas sharing one store (as they share one Redis): two schedulers of one app and one store here,
 * the store's lease and marks being what the replicas share. The real-process cluster is in cluster-sweep.test.ts.
 */
let stack: Stack;
beforeEach(async () => {
  stack = await incidentStack();
});
afterEach(async () => stack.stop());

const searches = (s: Stack) => s.sim.requestLog.filter((r) => r.route === "GET /search/issues").length;
const replica = (s: Stack) => new SweepScheduler(s.probot, { now: () => s.sim.clock.now(), store: s.store, intervalMs: 5 * MIN });
const escalations = (s: Stack, n: number) => s.sim.comments(REPO, n).filter((c) => c.user === s.sim.botLogin && c.body.startsWith("<!-- ims-escalated")).length;

it("two replicas ticking at once make one sweep's calls and escalate once", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  sim.resetRequestLog();
  const [a, b] = [replica(stack), replica(stack)];
  await Promise.all([a.tick(), b.tick()]);
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).toContain("sla:at-risk");
  expect(searches(stack)).toBe(2);
  expect(escalations(stack, issue.number)).toBe(1);
  // the other replica's next tick, moments later, finds the installation swept in this interval
  sim.resetRequestLog();
  sim.clock.advance(MIN);
  await b.tick();
  expect(searches(stack)).toBe(0);
  // a whole interval on, one of them sweeps again
  sim.clock.advance(4 * MIN);
  await Promise.all([a.tick(), b.tick()]);
  expect(searches(stack)).toBe(2);
});

it("a replica that died holding the sweep's lease blocks no later tick: once the lease expires the next tick does the work", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  // the dead replica took the lease and never gave it up
  const dead = await stack.store.lease(`sweep:${sim.installationId}`, SWEEP_LEASE_MS);
  expect(dead).not.toBeNull();
  const survivor = replica(stack);
  sim.resetRequestLog();
  await survivor.tick();
  expect(searches(stack)).toBe(0);
  expect(sim.labels(REPO, issue.number)).not.toContain("sla:at-risk");
  sim.clock.advance(SWEEP_LEASE_MS);
  await survivor.tick();
  await sim.settle();
  expect(sim.labels(REPO, issue.number)).toContain("sla:at-risk");
  // the dead replica's lease is gone for good: a write under it would be refused
  expect(await dead!.renew(SWEEP_LEASE_MS)).toBe(false);
});

it("a replica that stalls past its lease writes nothing more once another took over", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  const key = `sweep:${sim.installationId}`;
  const slow = (await stack.store.lease(key, SWEEP_LEASE_MS))!;
  const octokit = fenceWrites((await stack.probot.auth(sim.installationId)) as Octokit, key, () => slow.renew(SWEEP_LEASE_MS));
  await octokit.rest.issues.addLabels({ owner: "acme", repo: "web", issue_number: issue.number, labels: ["status:waiting"] });
  // the slow replica stalls past its lease, and another replica takes it (a larger token)
  sim.clock.advance(SWEEP_LEASE_MS + 1);
  const next = (await stack.store.lease(key, SWEEP_LEASE_MS))!;
  expect(next.token).toBeGreaterThan(slow.token);
  sim.resetRequestLog();
  await expect(octokit.rest.issues.removeLabel({ owner: "acme", repo: "web", issue_number: issue.number, name: "status:waiting" })).rejects.toThrow(LeaseLostError);
  await expect(octokit.rest.issues.get({ owner: "acme", repo: "web", issue_number: issue.number })).resolves.toBeTruthy();
  expect(sim.requestLog.filter((r) => r.method !== "GET")).toEqual([]);
  expect(sim.labels(REPO, issue.number)).toContain("status:waiting");
});
