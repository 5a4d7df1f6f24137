import { AsyncLocalStorage } from "node:async_hooks";
import type { Octokit } from "./types.js";

/**
 * GitHub requests an Octokit sent, per path, counted where they are sent: a figure that cannot drift
 * from the code the way hand-added `calls: N` sums can. 304 Not Modified answers are requests too,
 * but do not count against the rate limit, so they are also counted on their own.
 */
export class CallCounter {
  readonly #routes = new Map<string, number>();
  #notModified = 0;

  add(route: string, status: number | undefined): void {
    this.#routes.set(route, (this.#routes.get(route) ?? 0) + 1);
    if (status === 304) this.#notModified++;
  }

  /** Every request sent. */
  get total(): number {
    let n = 0;
    for (const v of this.#routes.values()) n += v;
    return n;
  }

  /** Requests that GitHub answered 304 (free against the rate limit). */
  get notModified(): number {
    return this.#notModified;
  }

  /** Requests per method and path (`GET /repos/acme/web/pulls/7/commits`, every page together), sorted. */
  byRoute(): Record<string, number> {
    return Object.fromEntries([...this.#routes.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.#routes.clear();
    this.#notModified = 0;
  }
}

/** Where an Octokit carries its counter (Probot makes one Octokit per event). */
const COUNTER = Symbol.for("ims-bot.call-counter");

/** The `counting` scopes a request is sent in (nested ones too): each counts it. */
const scopes = new AsyncLocalStorage<ReadonlyArray<{ calls: number; writes: number }>>();

/**
 * Counts every request this Octokit sends from now on (once per Octokit; a second call returns the same
 * counter). Probot gives each event its own Octokit, so its counter is that event's cost. Install it
 * before withEtagCache (hooks added later wrap those added earlier): then a "not found" the cache
 * remembers, which never reaches GitHub, is not counted.
 */
export function countCalls(octokit: Octokit): CallCounter {
  const carrier = octokit as Octokit & { [COUNTER]?: CallCounter };
  const known = carrier[COUNTER];
  if (known) return known;
  const counter = new CallCounter();
  carrier[COUNTER] = counter;
  octokit.hook.wrap("request", async (request, options) => {
    // paginate sends later pages (and often the first) as full URLs: count every request by its path
    const endpoint = octokit.request.endpoint.merge(options as unknown as Record<string, unknown>);
    const path = new URL(octokit.request.endpoint.parse(endpoint).url).pathname.replace(/^\/api\/v3(?=\/)/, "");
    const route = `${endpoint.method} ${decodeURIComponent(path)}`;
    const inScope = scopes.getStore() ?? [];
    try {
      const response = await request(options);
      counter.add(route, response.status);
      return response;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      counter.add(route, typeof status === "number" ? status : undefined);
      throw error;
    } finally {
      const write = endpoint.method !== "GET" && endpoint.method !== "HEAD";
      for (const scope of inScope) {
        scope.calls++;
        if (write) scope.writes++;
      }
    }
  });
  return counter;
}

/**
 * Runs `fn` and returns, beside its value, the requests this Octokit sent for it (and how many of them
 * were writes, POST, PATCH, PUT or DELETE: GitHub's content-creating requests): counted by the
 * same hook, per async scope, so work running beside it on the same Octokit (a Promise.all, another
 * evaluation of the same event) is not added in. The figure that logs and results report, instead of
 * hand-kept sums. Installs the hook if the Octokit has none (the guard and the sweep install it first,
 * under the ETag cache).
 */
export async function counting<T>(octokit: Octokit, fn: () => Promise<T>): Promise<{ value: T; calls: number; writes: number }> {
  countCalls(octokit);
  const mine = { calls: 0, writes: 0 };
  const value = await scopes.run([...(scopes.getStore() ?? []), mine], fn);
  return { value, calls: mine.calls, writes: mine.writes };
}

/** The requests sent so far in the innermost `counting` scope (0 outside one): for a log line written inside it. */
export function callsSoFar(): number {
  return scopes.getStore()?.at(-1)?.calls ?? 0;
}

/**
 * `fn`'s result with `calls` beside it: the requests this Octokit sent for it, from the hook (see
 * `counting`). For readers whose result reports what reading cost. Example:
 * `return withCalls(octokit, async () => ({ pulls: await list() }))`.
 */
export async function withCalls<T extends object>(octokit: Octokit, fn: () => Promise<T>): Promise<T & { calls: number }> {
  const { value, calls } = await counting(octokit, fn);
  return { ...value, calls };
}
