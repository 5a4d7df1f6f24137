import { describe, expect, it } from "vitest";
import { GITHUB_CONTENT_PER_HOUR, GITHUB_CONTENT_PER_MINUTE, ONBOARDING_CONTENT_PER_HOUR, ONBOARDING_CONTENT_PER_MINUTE, ONBOARDING_WORK, OnboardingQueue } from "../../src/onboarding/queue.js";
import { ContentLedger, fitsShare } from "../../src/store/content-ledger.js";
import { ONBOARDING_WRITES_CEILING } from "../../src/handlers/installation.js";
import { MemoryStore } from "../../src/store/memory.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const budget = { perMinute: ONBOARDING_CONTENT_PER_MINUTE, perHour: ONBOARDING_CONTENT_PER_HOUR };

/** The most charged in any sliding window of `ms`. */
function peak(charges: Array<[number, number]>, ms: number): number {
  let most = 0;
  for (const [t] of charges) most = Math.max(most, charges.filter(([u]) => u >= t && u < t + ms).reduce((n, [, c]) => n + c, 0));
  return most;
}

describe("the onboarding pace, over 500 repositories on a virtual clock", () => {
  it("keeps every sliding minute and hour within GitHub's limits, onboards each repository once, and resumes after a restart from the store", async () => {
    const store = new MemoryStore(() => now);
    let now = T0;
    let queue = new OnboardingQueue(store);
    let ledger = new ContentLedger(store);
    const repos = Array.from({ length: 500 }, (_, i) => `acme/svc-${i}`);
    await queue.enqueue(1, repos);
    await queue.enqueue(1, repos.slice(0, 10)); // a second event for the same repositories queues nothing
    const onboarded: string[] = [];
    const charges: Array<[number, number]> = [];
    // what each repository costs: labels already there in some, so 9 to 44 content requests
    const cost = (i: number) => 9 + ((i * 7) % (ONBOARDING_WRITES_CEILING - 8));
    for (let minute = 0; minute < 3 * 24 * 60 && onboarded.length < repos.length; minute++) {
      now = T0 + minute * 60_000;
      if (minute === 24 * 60) [queue, ledger] = [new OnboardingQueue(store), new ContentLedger(store)]; // a restart: only the store is kept
      for (let next = await queue.peek(1); next; next = await queue.peek(1)) {
        const ticket = await ledger.take("installation:1", now, ONBOARDING_WORK, ONBOARDING_WRITES_CEILING, budget);
        if (!ticket) break;
        const used = cost(onboarded.length);
        charges.push([now, used]);
        await ledger.settle("installation:1", ticket, used, now, false);
        await queue.done(1, next);
        onboarded.push(next);
      }
    }
    expect(onboarded).toEqual(repos);
    expect(peak(charges, 60_000)).toBeLessThanOrEqual(GITHUB_CONTENT_PER_MINUTE);
    expect(peak(charges, 3_600_000)).toBeLessThanOrEqual(GITHUB_CONTENT_PER_HOUR);
    expect(await queue.installations()).toEqual([]);
    // GitHub's hourly limit decides: the content requests at onboarding's 400 an hour take more than a
    // day, and the pace wastes little of the hour (within 20% of the budget's bound: a repository that
    // does not fit the hour's rest waits for the window to slide)
    const total = charges.reduce((sum, [, used]) => sum + used, 0);
    const hours = (charges.at(-1)![0] - T0) / 3_600_000;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeGreaterThan(total / ONBOARDING_CONTENT_PER_HOUR - 1);
    expect(hours).toBeLessThan((total / ONBOARDING_CONTENT_PER_HOUR) * 1.2);
  });

  it("an empty minute lets one repository start even when the share is smaller than its cost; a full hour lets none", () => {
    expect(fitsShare(0, 0, 44, { perMinute: 20, perHour: 400 })).toBe(true);
    expect(fitsShare(10, 10, 44, { perMinute: 20, perHour: 400 })).toBe(false);
    expect(fitsShare(0, 360, 44, budget)).toBe(false);
    expect(fitsShare(0, 0, 44, budget)).toBe(true);
  });
});
