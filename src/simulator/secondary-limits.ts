/**
 * GitHub's secondary rate limits (docs: "Rate limits for the REST API", "About secondary rate
 * limits"): no more than 100 concurrent requests, and in general no more than 80 content-generating
 * requests a minute and 500 an hour, per client. Exceeding one answers 403 "You have exceeded a
 * secondary rate limit" (the throttle plugin recognises that text); a content limit says in
 * Retry-After when the window has room again, a concurrency one sends no Retry-After (the docs' "wait
 * at least one minute"). Counted on the simulator clock, per identity: each installation (all its
 * tokens together) has its own, so one installation's burst never refuses another's requests.
 *
 * And "no more than 900 points per minute are allowed for REST API endpoints" (one endpoint: a route,
 * per identity): "most REST API GET, HEAD, and OPTIONS requests" cost 1 point, "most POST, PATCH,
 * PUT, or DELETE requests" 5 (docs: "Calculating points for the secondary rate limit").
 *
 * Which requests are "content-generating" GitHub does not list; every POST, PATCH, PUT and DELETE is
 * counted (its best-practice advice names those methods), the stricter reading.
 *
 * The concurrency limit is always on; the content and endpoint limits are off until
 * `enableContentLimits()`, since most tests run on a clock that does not move and would fill a
 * "minute" that never ends.
 */
export class SecondaryLimits {
  concurrent = 100;
  contentPerMinute = Number.POSITIVE_INFINITY;
  contentPerHour = Number.POSITIVE_INFINITY;
  endpointPointsPerMinute = Number.POSITIVE_INFINITY;
  readonly #inFlight = new Map<string, number>();
  readonly #writes = new Map<string, number[]>();
  /** Per identity and route: the points of the last minute, as `[epoch ms, points]`. */
  readonly #points = new Map<string, Array<[number, number]>>();
  /** The most requests of one identity in flight at once (for benchmarks). */
  peakInFlight = 0;
  /** The same, per identity ("installation:2"). */
  readonly peaks = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {}

  /** GitHub's general content limits, 80 a minute and 500 an hour, and 900 points a minute per endpoint. */
  enableContentLimits(perMinute = 80, perHour = 500, pointsPerMinute = 900): void {
    this.contentPerMinute = perMinute;
    this.contentPerHour = perHour;
    this.endpointPointsPerMinute = pointsPerMinute;
  }

  /** A request arrived (counted from its first byte to its answer, keyed by its Authorization): how many are in flight now. */
  arrive(key: string): number {
    const inFlight = (this.#inFlight.get(key) ?? 0) + 1;
    this.#inFlight.set(key, inFlight);
    this.peakInFlight = Math.max(this.peakInFlight, inFlight);
    this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, inFlight));
    return inFlight;
  }

  /** Its answer was sent (or the client went away). */
  leave(key: string): void {
    const left = (this.#inFlight.get(key) ?? 1) - 1;
    if (left > 0) this.#inFlight.set(key, left);
    else this.#inFlight.delete(key);
  }

  /** Null when the request may go on, else the refusal's Retry-After (seconds, or null for none). */
  check(inFlight: number, key: string, method: string, route = ""): { retryAfter: number | null } | null {
    if (inFlight > this.concurrent) return { retryAfter: null };
    const now = this.nowMs();
    const read = method === "GET" || method === "HEAD" || method === "OPTIONS";
    if (Number.isFinite(this.endpointPointsPerMinute)) {
      const id = `${key} ${route}`;
      const last = (this.#points.get(id) ?? []).filter(([t]) => t > now - 60_000);
      this.#points.set(id, last);
      const cost = read ? 1 : 5;
      if (last.reduce((n, [, p]) => n + p, 0) + cost > this.endpointPointsPerMinute) return { retryAfter: Math.max(1, Math.ceil((last[0]![0] + 60_000 - now) / 1000)) };
      last.push([now, cost]);
    }
    if (read) return null;
    const hour = (this.#writes.get(key) ?? []).filter((t) => t > now - 3_600_000);
    const minute = hour.filter((t) => t > now - 60_000);
    this.#writes.set(key, hour);
    if (minute.length >= this.contentPerMinute) return { retryAfter: Math.max(1, Math.ceil((minute[0]! + 60_000 - now) / 1000)) };
    if (hour.length >= this.contentPerHour) return { retryAfter: Math.max(1, Math.ceil((hour[0]! + 3_600_000 - now) / 1000)) };
    hour.push(now);
    return null;
  }

  reset(): void {
    this.#writes.clear();
    this.#points.clear();
    this.peakInFlight = 0;
    this.peaks.clear();
  }
}

export const secondaryLimitMessage = (requestId: string) =>
  `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
