/** GitHub's search limit for one installation: 30 requests a minute. */
export const GITHUB_SEARCHES_PER_MINUTE = 30;
/** The sweep's share of it: the rest is left to webhook handlers, which search too (linking records). */
export const SWEEP_SEARCHES_PER_MINUTE = 15;
/** Searches the sweep sends at once before it spreads them (burst + share stays under GitHub's 30 in any minute). */
export const SWEEP_SEARCH_BURST = 10;

/**
 * A token bucket for one installation's sweep searches: up to SWEEP_SEARCH_BURST at once, then one
 * every 60 / SWEEP_SEARCHES_PER_MINUTE seconds, so a large installation's pages are spread over
 * time instead of spending GitHub's minute in a burst and being refused. It measures real time
 * (a monotonic clock), since it paces real requests; `sleep` and `nowMs` are injectable.
 */
export class SearchPacer {
  #tokens = SWEEP_SEARCH_BURST;
  #at: number;
  readonly #everyMs = 60_000 / SWEEP_SEARCHES_PER_MINUTE;

  constructor(
    private readonly nowMs: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref()),
  ) {
    this.#at = nowMs();
  }

  /** Resolves when one more search may be sent. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.nowMs();
      this.#tokens = Math.min(SWEEP_SEARCH_BURST, this.#tokens + (now - this.#at) / this.#everyMs);
      this.#at = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.#tokens) * this.#everyMs));
    }
  }
}
