import { metrics } from "./metrics.js";

/** The slice of an Octokit this needs: its request hook (any Octokit, the app's or an installation's). */
interface Hookable {
  hook: { wrap(name: "request", fn: (request: (o: unknown) => Promise<Answer>, options: Record<string, unknown>) => Promise<Answer>): void };
}
interface Answer {
  status: number;
  headers: Record<string, string | number | undefined>;
}

/** Marks an Octokit whose requests are counted already (on the object: it lives and dies with it). */
const COUNTED = Symbol("ims.requestsCounted");

/**
 * The route template of a request, so that labels stay bounded: Octokit passes templates
 * ("/repos/{owner}/{repo}/issues"), but paginate and followed links pass expanded paths or full URLs,
 * whose names and numbers are put back to placeholders.
 */
export function routeOf(url: string): string {
  const path = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split("?")[0]!;
  if (path.includes("{")) return path;
  return path
    .replace(/^\/api\/v3(?=\/)/, "")
    .replace(/^\/api\/graphql$/, "/graphql")
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/^(\/repos\/\{owner\}\/\{repo\}\/contents)\/.*/, "$1/{path}")
    .replace(/^(\/repos\/\{owner\}\/\{repo\}\/git\/(?:ref|refs|matching-refs))\/.*/, "$1/{ref}")
    .replace(/^(\/repos\/\{owner\}\/\{repo\}\/(?:commits|branches|compare))\/[^/]+/, "$1/{ref}")
    .replace(/^(\/repos\/\{owner\}\/\{repo\}\/labels)\/[^/]+/, "$1/{name}")
    .replace(/^(\/repos\/\{owner\}\/\{repo\}\/issues\/\d+\/labels)\/[^/]+/, "$1/{name}")
    .replace(/^\/orgs\/[^/]+/, "/orgs/{org}")
    .replace(/^(\/orgs\/\{org\}\/(?:teams|members|memberships))\/[^/]+/, "$1/{name}")
    .replace(/^\/users\/[^/]+/, "/users/{username}")
    .replace(/\/\d+(?=\/|$)/g, "/{n}");
}

function observe(method: string, route: string, status: number, headers: Answer["headers"] | undefined): void {
  metrics.githubRequests.inc({ method, route, status: String(status) });
  const remaining = Number(headers?.["x-ratelimit-remaining"]);
  if (headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining)) {
    metrics.rateLimitRemaining.set({ resource: String(headers["x-ratelimit-resource"] ?? "core") }, remaining);
  }
}

/**
 * Counts every request the Octokit sends (route and status) and keeps the rate limit GitHub last
 * reported. Registered before the app's own hooks, so it sees what goes over the wire, 304s included.
 * Adds no request. Idempotent per Octokit.
 */
export function countRequests<O extends object>(octokit: O): O {
  const marked = octokit as { [COUNTED]?: true };
  if (marked[COUNTED]) return octokit;
  marked[COUNTED] = true;
  (octokit as unknown as Hookable).hook.wrap("request", async (request, options) => {
    const method = String(options.method ?? "GET");
    const route = routeOf(String(options.url ?? ""));
    try {
      const answer = await request(options);
      observe(method, route, answer.status, answer.headers);
      return answer;
    } catch (err) {
      const e = err as { status?: number; response?: { headers?: Answer["headers"] } };
      observe(method, route, typeof e.status === "number" ? e.status : 0, e.response?.headers);
      throw err;
    }
  });
  return octokit;
}
