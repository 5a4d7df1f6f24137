import type { Store } from "../store/store.js";
import { AREAS } from "../store/areas.js";

/**
 * GitHub's secondary rate limits for content-generating requests (labels, branches, files, pull
 * requests, comments): "in general, no more than 80 content-generating requests per minute and no more
 * than 500 content-generating requests per hour" (docs: "Rate limits for the REST API", "About
 * secondary rate limits"). The simulator enforces the same two sliding windows.
 */
export const GITHUB_CONTENT_PER_MINUTE = 80;
export const GITHUB_CONTENT_PER_HOUR = 500;
/**
 * Onboarding's share of them: the rest is kept for the app's own work (an incident filed during a
 * large onboarding still gets its labels and card at once).
 */
export const ONBOARDING_CONTENT_PER_MINUTE = 60;
export const ONBOARDING_CONTENT_PER_HOUR = 400;
/** Kept for callers that name the minute's budget. */
export const CONTENT_REQUESTS_PER_MINUTE = ONBOARDING_CONTENT_PER_MINUTE;
export const PACE_WINDOW_MS = 60_000;
export const PACE_HOUR_MS = 3_600_000;


interface Pending {
  repos: string[];
}
/** Content requests charged in the last hour, as `[epoch ms, count]`, and the most one repository has cost. */
interface Pace {
  charges: Array<[number, number]>;
  worst: number;
}

/** The two budgets a drain keeps to. */
export interface ContentBudget {
  perMinute: number;
  perHour: number;
}

const sumSince = (charges: ReadonlyArray<[number, number]>, since: number) => charges.reduce((n, [t, c]) => (t > since ? n + c : n), 0);

/**
 * May a repository costing about `estimate` content requests start at `nowMs`? Pure. Both sliding
 * windows (the last minute, the last hour) must still hold it; an empty minute always lets one start,
 * so a budget smaller than one repository still moves (one repository a minute).
 */
export function fitsBudget(charges: ReadonlyArray<[number, number]>, nowMs: number, estimate: number, budget: ContentBudget): boolean {
  const minute = sumSince(charges, nowMs - PACE_WINDOW_MS);
  const hour = sumSince(charges, nowMs - PACE_HOUR_MS);
  if (hour + estimate > budget.perHour && hour > 0) return false;
  return minute === 0 || minute + estimate <= budget.perMinute;
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
  #paceArea() {
    return this.#store.area<Pace>("onboardingPace", AREAS.onboardingPace);
  }
  /** The installation's pace; a value of an older shape (one fixed minute) reads as unknown. */
  async #readPace(installation: number): Promise<Pace | undefined> {
    const pace = await this.#paceArea().get(queueKey(installation));
    return pace && Array.isArray(pace.charges) ? pace : undefined;
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

  /**
   * Whether another repository may start now: the minute's and the hour's content requests (charged
   * when each repository finished, so later than they were sent: never fewer than GitHub counts) leave
   * room for as many again as the costliest repository so far, or `ceiling` if more.
   */
  async mayStart(installation: number, nowMs: number, budget: ContentBudget, ceiling = 0): Promise<boolean> {
    const pace = await this.#readPace(installation);
    if (!pace) return true;
    return fitsBudget(pace.charges, nowMs, Math.max(pace.worst, ceiling), budget);
  }

  /** Charges the content requests one repository's onboarding made, at `nowMs` (when it finished). */
  async charge(installation: number, nowMs: number, used: number): Promise<void> {
    await this.#store.withLock(`onboarding-pace:${installation}`, async () => {
      const pace = await this.#readPace(installation);
      const charges = (pace?.charges ?? []).filter(([t]) => t > nowMs - PACE_HOUR_MS);
      await this.#paceArea().set(queueKey(installation), { charges: [...charges, [nowMs, used]], worst: Math.max(pace?.worst ?? 0, used) });
    });
  }

  /** When the installation's next repository may start at the earliest (for the log), null if now. */
  async nextStart(installation: number, nowMs: number, budget: ContentBudget, ceiling = 0): Promise<number | null> {
    const pace = await this.#readPace(installation);
    if (!pace || fitsBudget(pace.charges, nowMs, Math.max(pace.worst, ceiling), budget)) return null;
    // a window frees room when a charge leaves it: the first such moment that fits
    const moments = pace.charges.flatMap(([t]) => [t + PACE_WINDOW_MS + 1, t + PACE_HOUR_MS + 1]).filter((t) => t > nowMs).sort((a, b) => a - b);
    return moments.find((t) => fitsBudget(pace.charges, t, Math.max(pace.worst, ceiling), budget)) ?? null;
  }
}
