import type { ProbotOctokit } from "probot";

type Octokit = InstanceType<typeof ProbotOctokit>;

interface Entry {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

/** Named limit: cached GET responses kept per process (least recently used are dropped). */
export const ETAG_CACHE_MAX = 2_000;

/** How long a "file not found" answer is trusted (a push touching the file forgets it at once). */
export const MISSING_TTL_MS = 5 * 60_000;

const cache = new Map<string, Entry>();
const missing = new Map<string, number>();
const wrapped = new WeakSet<object>();

/**
 * Which GETs are worth a conditional request: config files and label lists, read on every event, and
 * the open review records every sweep lists (src/github/overdue-reviews.ts), and the open pull requests
 * every change-control evaluation lists (src/github/open-pulls.ts).
 */
const CACHEABLE = [
  /^\/repos\/[^/]+\/[^/]+\/contents\//,
  /^\/repos\/[^/]+\/[^/]+\/labels(\?|$)/,
  /^\/repos\/[^/]+\/[^/]+\/issues\?(?:[^#]*&)?labels=ims%3Apost-incident-review(?:&|$)/,
  // open pull requests: every change-control evaluation finds the pull requests sharing its head commit here
  /^\/repos\/[^/]+\/[^/]+\/pulls\?(?:[^#]*&)?state=open(?:&|$)/,
];

/**
 * Makes repeated reads conditional (If-None-Match): GitHub answers 304 Not Modified, which does not
 * count against the rate limit, and the cached body is served. GitHub still checks access on every
 * request, so a cached body is only ever served to a caller GitHub just authorised.
 */
export function withEtagCache(octokit: Octokit): Octokit {
  if (wrapped.has(octokit)) return octokit;
  wrapped.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    const endpoint = octokit.request.endpoint.merge(options as unknown as Record<string, unknown>);
    const url = octokit.request.endpoint.parse(endpoint).url;
    const path = url.replace(/^https?:\/\/[^/]+(\/api\/v3)?/, "");
    if (endpoint.method !== "GET" || !CACHEABLE.some((r) => r.test(path))) return request(options);
    const key = `${url} ${String(endpoint.headers.accept ?? "")}`;
    const missingAt = missing.get(key);
    if (missingAt !== undefined && Date.now() - missingAt < MISSING_TTL_MS) {
      throw Object.assign(new Error(`Not Found (remembered for ${MISSING_TTL_MS / 60_000} minutes): ${url}`), { status: 404 });
    }
    const hit = cache.get(key);
    if (hit) (options.headers as Record<string, string>)["if-none-match"] = hit.etag;
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === "string") {
        cache.delete(key);
        cache.set(key, { etag, response: { status: response.status, url: response.url, headers: { ...response.headers }, data: response.data } });
        if (cache.size > ETAG_CACHE_MAX) cache.delete(cache.keys().next().value!);
      }
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 && path.includes("/contents/")) {
        missing.set(key, Date.now());
        if (missing.size > ETAG_CACHE_MAX) missing.delete(missing.keys().next().value!);
      }
      if (hit && status === 304) {
        cache.delete(key);
        cache.set(key, hit);
        return { ...hit.response, data: structuredClone(hit.response.data) } as Awaited<ReturnType<typeof request>>;
      }
      throw error;
    }
  });
  return octokit;
}

/** Forgets cached reads under a repository (after a push that changed its config, a label change). */
export function forgetCached(owner: string, repo: string): void {
  const needle = `/repos/${owner}/${repo}/`.toLowerCase();
  for (const key of [...cache.keys()]) if (key.toLowerCase().includes(needle)) cache.delete(key);
  for (const key of [...missing.keys()]) if (key.toLowerCase().includes(needle)) missing.delete(key);
}

/** Forgets every cached read (tests start from a clean process state). */
export function forgetAllCached(): void {
  cache.clear();
  missing.clear();
}
