import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../src/demo/stack.js";
import type { RequestRecord } from "../../src/simulator/index.js";
import { GITHUB_CONTENT_PER_HOUR, GITHUB_CONTENT_PER_MINUTE, ONBOARDING_CONTENT_PER_HOUR } from "../../src/onboarding/queue.js";
import { ONBOARDING_WRITES_CEILING } from "../../src/handlers/installation.js";
import { newOrg, onboardingPulls, T0 } from "./helpers.js";

/** The most requests in any sliding window of `ms` (GitHub's windows slide: "per minute", "per hour"). */
function peak(writes: readonly RequestRecord[], ms: number): number {
  const times = writes.map((w) => Date.parse(w.at)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= ms) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

// enough repositories that the hour's budget, not the minute's, decides: 12 x ~43 content requests > 500
const REPOS = Array.from({ length: 12 }, (_, i) => `svc-${String(i).padStart(2, "0")}`);

describe("onboarding a large installation keeps to GitHub's content-creation limits, per minute and per hour", () => {
  let stack: Stack;
  let drain: () => Promise<number>;
  const minutes: number[] = [];
  beforeAll(async () => {
    stack = await startStack({ now: T0, onboarding: { onDrain: (d) => (drain = d) } });
    const { sim } = stack;
    // the simulator refuses what GitHub refuses: the 81st content request of a minute, the 501st of an hour
    sim.rateLimits.secondary.enableContentLimits(GITHUB_CONTENT_PER_MINUTE, GITHUB_CONTENT_PER_HOUR);
    newOrg(stack, REPOS);
    sim.installApp();
    await sim.settle();
    // the drain timer runs once a minute; the virtual clock moves a minute between drains
    for (let minute = 1; minute <= 4 * 60; minute++) {
      sim.clock.advance(60_000);
      if (minute === 30) await stack.restartApp({ store: stack.store }); // a restart, on the shared store (Redis in production)
      // two replicas on one store drain at once: the installation's lease lets one of them work
      const done = minute % 7 === 0 ? (await Promise.all([drain(), drain()])).reduce((a, b) => a + b) : await drain();
      if (done > 0) minutes.push(minute);
      if (REPOS.every((r) => onboardingPulls(stack, `acme/${r}`).length > 0)) break;
    }
    await sim.settle();
  }, 120_000);
  afterAll(async () => stack.stop());

  const writes = () => stack.sim.requestLog.filter((r) => r.method !== "GET" && r.actor === stack.sim.botLogin && !r.route.includes("access_tokens"));

  it("onboards every repository once, with one pull request each, across a restart and two replicas draining at once", () => {
    expect(REPOS.map((r) => onboardingPulls(stack, `acme/${r}`).length)).toEqual(REPOS.map(() => 1));
  });

  it("never sends more than 80 content requests in a minute nor 500 in an hour, and GitHub refuses none", () => {
    expect(writes().length).toBeGreaterThan(GITHUB_CONTENT_PER_HOUR);
    expect(peak(writes(), 60_000)).toBeLessThanOrEqual(GITHUB_CONTENT_PER_MINUTE);
    expect(peak(writes(), 3_600_000)).toBeLessThanOrEqual(ONBOARDING_CONTENT_PER_HOUR);
    expect(stack.sim.requestLog.filter((r) => r.status === 403 || r.status === 429)).toEqual([]);
    expect(stack.sim.deliveries.filter((d) => d.status !== 200).map((d) => `${d.event} ${d.status}`)).toEqual([]);
  });

  it("spreads the repositories over more than an hour, and no repository costs more than the ceiling it is paced by", () => {
    const perRepo = REPOS.map((r) => writes().filter((w) => w.path.includes(`/repos/acme/${r}/`)).length);
    expect(Math.max(...perRepo)).toBeLessThanOrEqual(ONBOARDING_WRITES_CEILING);
    expect(minutes.at(-1)!).toBeGreaterThan(60);
  });
});
