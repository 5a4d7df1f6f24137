/** A scripted failure: the next `times` requests to `route` answer `status`. */
export interface Fault {
  route: string;
  status: number;
  times: number;
  headers: Record<string, string>;
  message: string;
}

const MESSAGES: Record<number, string> = {
  403: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  429: "API rate limit exceeded",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export class Faults {
  readonly #faults: Fault[] = [];
  readonly #before: Array<{ route: string; run: () => Promise<void> | void }> = [];

  /** Runs `run` once, before the next request to `route` is answered (interleaves another client's work). */
  before(route: string, run: () => Promise<void> | void): void {
    this.#before.push({ route, run });
  }

  /** The hook for this route template, consumed. */
  takeBefore(template: string): (() => Promise<void> | void) | undefined {
    const i = this.#before.findIndex((h) => h.route === template || h.route === template.replace(/^\S+ /, ""));
    return i < 0 ? undefined : this.#before.splice(i, 1)[0]!.run;
  }

  /** `retryAfter: null` sends no Retry-After (a 403 that is a permission error, not a limit). */
  add(route: string, status: number, times = 1, opts: { retryAfter?: number | null; message?: string } = {}): void {
    const headers: Record<string, string> = {};
    if (opts.retryAfter !== null && (opts.retryAfter !== undefined || status === 403 || status === 429)) headers["retry-after"] = String(opts.retryAfter ?? 1);
    this.#faults.push({ route, status, times, headers, message: opts.message ?? MESSAGES[status] ?? "Simulated failure" });
  }

  /** The fault for this route template (`GET /repos/{owner}/{repo}`, or `*`), consuming one use. */
  take(template: string): Fault | undefined {
    const fault = this.#faults.find((f) => f.route === template || f.route === "*" || f.route === template.replace(/^\S+ /, ""));
    if (!fault) return undefined;
    if (--fault.times <= 0) this.#faults.splice(this.#faults.indexOf(fault), 1);
    return fault;
  }

  clear(): void {
    this.#faults.length = 0;
    this.#before.length = 0;
  }
}
