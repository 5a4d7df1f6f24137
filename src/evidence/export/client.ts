import type { RawDocument } from "../types.js";
import { ExportError, httpFailure } from "./errors.js";

/** What one API call returned, with its chain of custody (a RawDocument without its id). */
export type Fetched = Omit<RawDocument, "id" | "kind">;

export interface ClientOptions {
  apiUrl: string;
  /** The token for a repository owner (an installation token differs per owner). */
  token: (owner: string | null) => Promise<string>;
  /** Waits (rate limits, back-off); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** A line for the progress output: waits and retries are said, never silent. */
  say?: (line: string) => void;
  /** Transient failures (5xx, network) retried this many times with doubling back-off from 1 s. */
  retries?: number;
  /** Rate-limit waits allowed in a row before giving up. */
  maxWaits?: number;
}

/** The request-id and caching headers an auditor can quote to GitHub. */
const CUSTODY_HEADERS = ["x-github-request-id", "etag", "last-modified", "date", "x-github-api-version-selected", "x-ratelimit-resource"];

/** GitHub's GraphQL error types the exporter treats like the HTTP statuses they stand for. */
const GQL_STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, INSUFFICIENT_SCOPES: 403, UNAUTHORIZED: 401 };

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The exporter's only way to GitHub: REST GETs and GraphQL POSTs with the token, waits on rate limits
 * (Retry-After or x-ratelimit-reset, said on the progress output), retries 5xx and network errors with
 * back-off, and returns every response with its chain of custody.
 */
export class GitHubClient {
  calls = { rest: 0, graphql: 0 };
  waits = 0;
  /** Sum of GraphQL `rateLimit.cost` reported by GitHub. */
  graphqlCost = 0;
  readonly #o: Required<Omit<ClientOptions, "say">> & { say: (line: string) => void };

  constructor(options: ClientOptions) {
    this.#o = { sleep: realSleep, now: () => new Date(), say: () => undefined, retries: 4, maxWaits: 20, ...options };
  }

  get total(): number {
    return this.calls.rest + this.calls.graphql;
  }

  /** GET a REST path (`/repos/o/r`); `allow` lists statuses returned instead of thrown (e.g. 404 for an absent file). */
  async rest(path: string, query: Record<string, string> | null, doing: string, opts: { owner: string | null; repo?: string | null; allow?: number[]; accept?: string } = { owner: null }): Promise<Fetched> {
    const url = new URL(this.#o.apiUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const res = await this.#send(url.toString(), { method: "GET" }, doing, opts.owner, opts.repo ?? null, opts.allow ?? [], opts.accept);
    this.calls.rest++;
    return { endpoint: path, method: "GET", query, graphql: null, fetchedAt: res.at, status: res.status, headers: res.headers, body: res.body };
  }

  /** POST a GraphQL document; GitHub's NOT_FOUND / FORBIDDEN errors become the 404 / 403 messages. */
  async graphql(query: string, variables: Record<string, unknown>, doing: string, opts: { owner: string | null; repo?: string | null }): Promise<Fetched> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.#send(this.#graphqlUrl(), { method: "POST", body: JSON.stringify({ query, variables }) }, doing, opts.owner, opts.repo ?? null, []);
      this.calls.graphql++;
      const body = res.body as { data?: { rateLimit?: { cost?: number } } | null; errors?: Array<{ type?: string; message?: string }> };
      const errors = body?.errors ?? [];
      const limited = errors.find((e) => e.type === "RATE_LIMITED");
      if (limited && attempt < this.#o.maxWaits) {
        await this.#wait(60, `GraphQL rate limit (${limited.message ?? "RATE_LIMITED"})`, doing);
        continue;
      }
      for (const e of errors) {
        const status = e.type ? GQL_STATUS[e.type] : undefined;
        if (status) throw httpFailure(status, doing, e.message ?? e.type ?? "", opts.repo ?? null);
      }
      if (errors.length || !body?.data) {
        throw new ExportError(`GitHub's GraphQL API refused a query while ${doing}: ${errors.map((e) => e.message).join("; ").slice(0, 300) || "no data"}; this is a bug in ims-bot's queries or an API it does not support (--api-url)`);
      }
      this.graphqlCost += body.data.rateLimit?.cost ?? 0;
      return { endpoint: "/graphql", method: "POST", query: null, graphql: { query, variables }, fetchedAt: res.at, status: res.status, headers: res.headers, body };
    }
  }

  /** GitHub Enterprise Server serves GraphQL at /api/graphql beside /api/v3. */
  #graphqlUrl(): string {
    const base = this.#o.apiUrl;
    return /\/api\/v3$/.test(base) ? base.replace(/\/v3$/, "/graphql") : `${base}/graphql`;
  }

  async #send(url: string, init: { method: string; body?: string }, doing: string, owner: string | null, repo: string | null, allow: number[], accept?: string) {
    let failures = 0;
    let waits = 0;
    for (;;) {
      const token = await this.#o.token(owner);
      let res: Response;
      try {
        res = await fetch(url, {
          ...init,
          headers: {
            authorization: `Bearer ${token}`,
            accept: accept ?? "application/vnd.github+json",
            "x-github-api-version": "2022-11-28",
            "user-agent": "ims-bot-exporter",
            ...(init.body ? { "content-type": "application/json" } : {}),
          },
        });
      } catch (e) {
        if (++failures > this.#o.retries) throw new ExportError(`cannot reach ${new URL(url).origin} while ${doing}: ${(e as Error).message}; check the network and --api-url`);
        await this.#backoff(failures, `network error (${(e as Error).message})`, doing);
        continue;
      }
      const text = await res.text();
      const headers: Record<string, string> = {};
      for (const h of CUSTODY_HEADERS) {
        const v = res.headers.get(h);
        if (v !== null) headers[h] = v;
      }
      const at = this.#o.now().toISOString();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an HTML error page from a proxy): kept as text
      }
      if (res.ok || allow.includes(res.status)) return { status: res.status, headers, body, at };
      const message = typeof body === "object" && body !== null && "message" in body ? String((body as { message: unknown }).message) : "";
      const limit = rateLimitWait(res, message, this.#o.now());
      if (limit !== null) {
        if (++waits > this.#o.maxWaits) throw new ExportError(`GitHub kept answering ${res.status} (rate limit) while ${doing}; try again after the limit resets`);
        await this.#wait(limit.seconds, `rate limit (${res.status}, ${limit.why})`, doing);
        continue;
      }
      if (res.status >= 500) {
        if (++failures > this.#o.retries) throw new ExportError(`GitHub answered ${res.status} ${failures} times while ${doing}; try again later (the export resumes where it stopped)`);
        await this.#backoff(failures, `GitHub answered ${res.status}`, doing);
        continue;
      }
      throw httpFailure(res.status, doing, message, repo);
    }
  }

  async #backoff(failures: number, why: string, doing: string): Promise<void> {
    const ms = 1000 * 2 ** (failures - 1);
    this.#o.say(`${why} while ${doing}; retrying in ${ms / 1000} s (attempt ${failures + 1} of ${this.#o.retries + 1})`);
    await this.#o.sleep(ms);
  }

  async #wait(seconds: number, why: string, doing: string): Promise<void> {
    this.waits++;
    const until = new Date(this.#o.now().getTime() + seconds * 1000).toISOString();
    this.#o.say(`${why} while ${doing}: waiting ${seconds} s (until ${until}), then going on`);
    await this.#o.sleep(seconds * 1000);
  }
}

/**
 * Seconds to wait when a 403/429 is a rate limit (primary: x-ratelimit-remaining 0; secondary:
 * Retry-After or a "rate limit" message); null when it is not one (then a 403 is a permission error).
 */
export function rateLimitWait(res: { status: number; headers: { get(name: string): string | null } }, message: string, now: Date): { seconds: number; why: string } | null {
  if (res.status !== 403 && res.status !== 429) return null;
  const retryAfter = res.headers.get("retry-after");
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return { seconds: Math.max(1, Number(retryAfter)), why: `retry-after ${retryAfter} s` };
  const remaining = res.headers.get("x-ratelimit-remaining");
  const reset = res.headers.get("x-ratelimit-reset");
  if (remaining === "0" && reset !== null && /^\d+$/.test(reset)) {
    return { seconds: Math.max(1, Number(reset) - Math.floor(now.getTime() / 1000) + 1), why: `x-ratelimit-reset ${new Date(Number(reset) * 1000).toISOString()}` };
  }
  if (res.status === 429 || /rate limit/i.test(message)) return { seconds: 60, why: "secondary rate limit, no reset time given: one minute" };
  return null;
}
