import type { Store } from "../store/store.js";
import { AREAS } from "../store/areas.js";

/**
 * GitHub's secondary rate limits for content-generating requests (labels, branches, files, pull
 * requests, comments): "in general, no more than 80 content-generating requests per minute and no more
 * than 500 content-generating requests per hour" (docs: "Rate limits for the REST API", "About
 * secondary rate limits"). The simulator enforces the same two sliding windows.
 */
export { GITHUB_CONTENT_PER_HOUR, GITHUB_CONTENT_PER_MINUTE } from "../store/areas.js";
/**
 * Onboarding's share of them, in the installation's one content ledger (src/store/content-ledger.ts):
 * a repository starts only while everything the installation sent, booked and reserved leaves it
 * room under this, so the rest is kept for the app's own work (an incident filed during a large
 * onboarding still gets its labels and card at once).
 */
export const ONBOARDING_CONTENT_PER_MINUTE = 60;
export const ONBOARDING_CONTENT_PER_HOUR = 400;
export const PACE_WINDOW_MS = 60_000;
/** The kind of deferrable work onboarding reserves as in the content ledger. */
export const ONBOARDING_WORK = "onboarding";

interface Pending {
  repos: string[];
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
    return this.#store.area<Pending>("onboardingQueue", AREAS.onboardingQueue);
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
}
