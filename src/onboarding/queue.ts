import type { Store } from "../store/store.js";

/**
 * GitHub's secondary rate limit for content-creating requests (labels, branches, files, pull
 * requests): about 80 a minute per app. Onboarding a large installation is spread to stay under it.
 */
export const CONTENT_REQUESTS_PER_MINUTE = 80;
export const PACE_WINDOW_MS = 60_000;

/** Repositories waiting for onboarding per installation, and the installations that have some. */
const QUEUE = { maxEntries: 10_000 } as const;
/** An installation's content requests in the current window. */
const PACE = { maxEntries: 10_000, ttlMs: 10 * PACE_WINDOW_MS } as const;

interface Pending {
  repos: string[];
}
interface Pace {
  windowStart: number;
  used: number;
  /** What the last repository cost: the next starts only if as much again still fits. */
  last: number;
}

const queueKey = (installation: number) => `installation:${installation}`;

/**
 * The repositories still to onboard, kept in the store (Redis in production), so that a restart
 * resumes where it stopped and a repository queued twice (two events) is onboarded once.
 */
export class OnboardingQueue {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }

  #pending() {
    return this.#store.area<Pending>("onboardingQueue", QUEUE);
  }
  #pace() {
    return this.#store.area<Pace>("onboardingPace", PACE);
  }

  /** Adds repositories (`owner/name`) not already waiting; returns how many wait now. */
  async enqueue(installation: number, repos: readonly string[]): Promise<number> {
    return this.#store.withLock(`onboarding-queue:${installation}`, async () => {
      const current = (await this.#pending().get(queueKey(installation)))?.repos ?? [];
      const known = new Set(current.map((r) => r.toLowerCase()));
      const next = [...current, ...repos.filter((r) => !known.has(r.toLowerCase()) && known.add(r.toLowerCase()))];
      await this.#pending().set(queueKey(installation), { repos: next });
      const all = (await this.#pending().get("installations"))?.repos ?? [];
      if (next.length > 0 && !all.includes(String(installation))) await this.#pending().set("installations", { repos: [...all, String(installation)] });
      return next.length;
    });
  }

  /** Installations with repositories waiting. */
  async installations(): Promise<number[]> {
    return ((await this.#pending().get("installations"))?.repos ?? []).map(Number);
  }

  /** The next repository to onboard, left in the queue until `done` (a crash redoes it, which is idempotent). */
  async peek(installation: number): Promise<string | null> {
    return (await this.#pending().get(queueKey(installation)))?.repos[0] ?? null;
  }

  async done(installation: number, repo: string): Promise<void> {
    await this.#store.withLock(`onboarding-queue:${installation}`, async () => {
      const current = (await this.#pending().get(queueKey(installation)))?.repos ?? [];
      const next = current.filter((r) => r.toLowerCase() !== repo.toLowerCase());
      await this.#pending().set(queueKey(installation), { repos: next });
      if (next.length === 0) {
        const all = (await this.#pending().get("installations"))?.repos ?? [];
        await this.#pending().set("installations", { repos: all.filter((i) => i !== String(installation)) });
      }
    });
  }

  /** Whether another repository may start now: the window's content requests are under the budget. */
  async mayStart(installation: number, nowMs: number, budget: number): Promise<boolean> {
    const pace = await this.#pace().get(queueKey(installation));
    return !pace || nowMs - pace.windowStart >= PACE_WINDOW_MS || pace.used + pace.last <= budget;
  }

  /** Charges the content requests one repository's onboarding made to the current window. */
  async charge(installation: number, nowMs: number, used: number): Promise<void> {
    const pace = await this.#pace().get(queueKey(installation));
    const fresh = !pace || nowMs - pace.windowStart >= PACE_WINDOW_MS;
    await this.#pace().set(queueKey(installation), fresh ? { windowStart: nowMs, used, last: used } : { windowStart: pace.windowStart, used: pace.used + used, last: used });
  }
}
