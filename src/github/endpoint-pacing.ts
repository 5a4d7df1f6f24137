/**
 * GitHub's other secondary limit a burst meets: "no more than 900 points per minute are allowed for
 * REST API endpoints", where "most REST API GET, HEAD, and OPTIONS requests" cost 1 point and "most
 * POST, PATCH, PUT, or DELETE requests" 5 (docs: "Calculating points for the secondary rate limit").
 * A bulk edit of 1,000 records reads each record on one endpoint at once: 1,000 points in a minute.
 */
export const ENDPOINT_POINTS_PER_MINUTE = 900;
const MINUTE_MS = 60_000;
/** Left on top of the window, as for the content ledger. */
const SLACK_MS = 1_000;

export const pointsOf = (method: string) => (method === "GET" || method === "HEAD" || method === "OPTIONS" ? 1 : 5);

/** One endpoint's name for the limit: its route with every placeholder alike (a template and a paginated URL of one endpoint name the same). */
export function endpointOf(method: string, route: string): string {
  return `${method} ${route.replace(/\{[^}]*\}/g, "{}")}`;
}

/**
 * The points each endpoint of one installation spent in the last minute, in this process, and when
 * the next request may go (FIFO, as the content ledger books): reads are too many to book in the
 * shared store, so replicas each keep their own (with several, the limit is kept per replica).
 */
export class EndpointPoints {
  readonly #windows = new Map<string, Array<[at: number, points: number]>>();
  readonly #limit: number;
  #since = 0;

  constructor(limit = ENDPOINT_POINTS_PER_MINUTE) {
    this.#limit = limit;
  }

  /** Books `points` on `endpoint` at the earliest moment at or after `nowMs` the minute has room for them; returns that moment. */
  book(endpoint: string, nowMs: number, points: number): number {
    this.#forget(nowMs);
    const window = (this.#windows.get(endpoint) ?? []).filter(([t]) => t > nowMs - MINUTE_MS - SLACK_MS);
    let at = Math.max(nowMs, window.at(-1)?.[0] ?? nowMs);
    // walk back from the newest: the first entry that would overfill the minute decides when this one may go
    let sum = points;
    for (let i = window.length - 1; i >= 0; i--) {
      sum += window[i]![1];
      if (sum > this.#limit) {
        at = Math.max(at, window[i]![0] + MINUTE_MS + SLACK_MS);
        break;
      }
    }
    window.push([at, points]);
    this.#windows.set(endpoint, window);
    return at;
  }

  /** Drops the endpoints with nothing in the last minute, once a minute (so the map stays as small as the busy endpoints). */
  #forget(nowMs: number): void {
    if (nowMs - this.#since < MINUTE_MS) return;
    this.#since = nowMs;
    for (const [k, w] of this.#windows) if ((w.at(-1)?.[0] ?? 0) <= nowMs - MINUTE_MS - SLACK_MS) this.#windows.delete(k);
  }
}
