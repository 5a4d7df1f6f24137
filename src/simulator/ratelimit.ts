import { SecondaryLimits } from "./secondary-limits.js";

/** Per-token request budgets reported in `x-ratelimit-*`, on the simulator clock; `secondary`: GitHub's secondary limits. */
export class RateLimits {
  limits = { core: 5000, search: 30 };
  readonly #buckets = new Map<string, { used: number; reset: number }>();
  readonly secondary: SecondaryLimits;

  constructor(private readonly nowMs: () => number) {
    this.secondary = new SecondaryLimits(nowMs);
  }

  /** Counts one request; returns the headers and whether the budget was already spent. */
  take(key: string, resource: "core" | "search", count: boolean): { headers: Record<string, string>; exceeded: boolean } {
    const id = `${key}:${resource}`;
    const now = this.nowMs();
    const window = resource === "search" ? 60_000 : 3_600_000;
    let bucket = this.#buckets.get(id);
    if (!bucket || bucket.reset * 1000 <= now) {
      bucket = { used: 0, reset: Math.floor((now + window) / 1000) };
      this.#buckets.set(id, bucket);
    }
    const limit = this.limits[resource];
    const exceeded = bucket.used >= limit;
    if (count && !exceeded) bucket.used++;
    return {
      exceeded,
      headers: {
        "x-ratelimit-limit": String(limit),
        "x-ratelimit-remaining": String(Math.max(limit - bucket.used, 0)),
        "x-ratelimit-used": String(bucket.used),
        "x-ratelimit-reset": String(bucket.reset),
        "x-ratelimit-resource": resource,
      },
    };
  }

  reset(): void {
    this.#buckets.clear();
    this.secondary.reset();
  }
}
