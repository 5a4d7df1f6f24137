import { afterEach, beforeEach, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import type { Stack } from "../../src/demo/stack.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { MIN, REPO, form, incidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
beforeEach(async () => {
  stack = await incidentStack();
});
afterEach(async () => stack.stop());

const SEARCH = "GET /search/issues";
const CONTENTS = "GET /repos/{owner}/{repo}/contents/{path}";
const ofBot = (s: Stack) => s.sim.requestLog.filter((r) => r.actor === s.sim.botLogin);
const count = (s: Stack, route: string, path?: RegExp) => ofBot(s).filter((r) => r.route === route && (!path || path.test(r.path))).length;
const scheduler = (s: Stack) => new SweepScheduler(s.probot, { now: () => s.sim.clock.now(), store: s.store, intervalMs: 5 * MIN });

/** `n` more repositories of acme, with the app's labels; none has its own `.github/ims.yml`. */
function moreRepos(s: Stack, n: number): string[] {
  const names = Array.from({ length: n }, (_, i) => `acme/svc-${i}`);
  s.sim.quietly(() => {
    for (const full of names) {
      s.sim.createRepo({ owner: "acme", name: full.split("/")[1]! });
      seedAppLabels(s.sim, full);
    }
  });
  return names;
}

it("sweeps an installation of 40 repositories with one search page for its records and one for its pull requests, reading config only where records are", async () => {
  const { sim } = stack;
  const repos = moreRepos(stack, 40);
  const due = sim.as("alice").openIssue(repos[7]!, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  const other = sim.as("alice").openIssue(REPO, { title: "Search slow", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.clock.advance(12 * MIN);
  sim.resetRequestLog();
  await scheduler(stack).tick();
  await sim.settle();
  expect(sim.labels(repos[7]!, due.number)).toContain("sla:at-risk");
  expect(sim.labels(REPO, other.number)).toContain("sla:at-risk");
  // one page of records, one of open pull requests: not one search per repository (41)
  expect(count(stack, SEARCH)).toBe(2);
  // only the two repositories with records read their config
  expect(count(stack, CONTENTS, /\/repos\/acme\/svc-(?!7\/)/)).toBe(0);
  // one page of the installation's repositories (100 a page): which ones have a dashboard an event made stale
  expect(count(stack, "GET /installation/repositories")).toBe(1);
});

it("reads every open record past GitHub's 1,000-result cap, so the oldest of 1,050 is escalated too", async () => {
  const { sim } = stack;
  const oldest = sim.as("alice").openIssue(REPO, { title: "Oldest", body: form("High", "High"), labels: ["ims:incident", "priority:P1"] });
  await sim.settle();
  expect(sim.labels(REPO, oldest.number)).not.toContain("sla:at-risk");
  sim.clock.advance(12 * MIN);
  sim.quietly(() => {
    for (let i = 0; i < 1_049; i++) {
      sim.clock.advance(100);
      // already breached and fully escalated: nothing is due on these, only the oldest is
      sim.as("alice").openIssue(REPO, { title: `Old ${i}`, body: form("Low", "Low"), labels: ["ims:incident", "priority:P2", "sla:breached", "escalation:functional", "escalation:hierarchical"] });
    }
  });
  sim.resetRequestLog();
  await scheduler(stack).tick();
  await sim.settle();
  expect(sim.labels(REPO, oldest.number)).toContain("sla:at-risk");
  // 10 pages up to the cap, then the rest from the last creation time read: 11 pages, plus 1 of pull requests
  expect(count(stack, SEARCH)).toBe(12);
}, 60_000);

it("isolates a repository whose config cannot be read: the other repositories of the installation are swept", async () => {
  const { sim } = stack;
  const [a, b, c] = moreRepos(stack, 3) as [string, string, string];
  const issues = [a, b, c].map((r) => [r, sim.as("alice").openIssue(r, { title: "Down", body: form("High", "High"), labels: ["ims:incident"] })] as const);
  await sim.settle();
  sim.clock.advance(12 * MIN);
  await stack.restartApp(); // a fresh instance: nothing of the config is cached, so the sweep reads it
  // the first two repositories swept (two at once) cannot read their config: a permission error, not retried
  sim.failNext(CONTENTS, 403, 2, { retryAfter: null, message: "Resource not accessible by integration" });
  await scheduler(stack).tick();
  await sim.settle();
  const atRisk = issues.filter(([r, i]) => sim.labels(r, i.number).includes("sla:at-risk")).map(([r]) => r);
  expect(atRisk).toEqual([c]);
});

it("remembers that a repository has no .github/ims.yml until a push adds it, and reads the organisation's config once per sweep", async () => {
  const { sim } = stack;
  const repos = moreRepos(stack, 3);
  sim.quietly(() => sim.createRepo({ owner: "acme", name: ".github" }));
  sim.as("erin").putFile("acme/.github", ".github/ims.yml", "escalation:\n  sweep:\n    intervalMinutes: 5\n");
  for (const r of repos) sim.as("alice").openIssue(r, { title: "Down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  const s = scheduler(stack);
  sim.clock.advance(12 * MIN);
  sim.resetRequestLog();
  await s.tick();
  await sim.settle();
  expect(count(stack, CONTENTS, /\/repos\/acme\/\.github\//)).toBe(1);

  // half an hour of sweeps later: no repository asks GitHub again for the file it does not have
  sim.clock.advance(30 * MIN);
  sim.resetRequestLog();
  await s.tick();
  await sim.settle();
  expect(count(stack, CONTENTS, /\/repos\/acme\/svc-\d\//)).toBe(0);

  // a push that adds it is seen at once
  sim.as("erin").putFile(repos[0]!, ".github/ims.yml", "escalation:\n  sweep:\n    intervalMinutes: 5\n");
  await sim.settle();
  sim.clock.advance(5 * MIN);
  sim.resetRequestLog();
  await s.tick();
  await sim.settle();
  expect(count(stack, CONTENTS, /\/repos\/acme\/svc-0\//)).toBe(1);
});
