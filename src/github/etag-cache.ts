import type { ProbotOctokit } from "probot";
import { MISSING_TTL_MS } from "../store/areas.js";
import { areaOf } from "./store-of.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

interface Entry {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

export { ETAG_CACHE_MAX, MISSING_TTL_MS } from "../store/areas.js";

/** Marks an Octokit whose requests are already wrapped (Probot makes one per event). */
const WRAPPED = Symbol.for("ims-bot.etag-cache");

const repoOf = (path: string) => /^\/repos\/([^/]+\/[^/?]+)/.exec(path)?.[1]?.toLowerCase() ?? "";
/** A repository's cache generation: bumping it forgets every cached read under the repository at once. */
const generation = async (octokit: Octokit, repo: string) => (await areaOf<number>(octokit, "etagGeneration").get(repo)) ?? 0;

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
  const flagged = octokit as Octokit & { [WRAPPED]?: true };
  if (flagged[WRAPPED]) return octokit;
  flagged[WRAPPED] = true;
  const cache = areaOf<Entry>(octokit, "etag");
  const missing = areaOf<true>(octokit, "etagMissing");
  octokit.hook.wrap("request", async (request, options) => {
    const endpoint = octokit.request.endpoint.merge(options as unknown as Record<string, unknown>);
    const url = octokit.request.endpoint.parse(endpoint).url;
    const path = url.replace(/^https?:\/\/[^/]+(\/api\/v3)?/, "");
    if (endpoint.method !== "GET" || !CACHEABLE.some((r) => r.test(path))) return request(options);
    const key = `${await generation(octokit, repoOf(path))} ${url} ${String(endpoint.headers.accept ?? "")}`;
    if (await missing.get(key)) {
      throw Object.assign(new Error(`Not Found (remembered for ${MISSING_TTL_MS / 60_000} minutes): ${url}`), { status: 404 });
    }
    const hit = await cache.get(key);
    if (hit) (options.headers as Record<string, string>)["if-none-match"] = hit.etag;
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === "string") {
        await cache.set(key, { etag, response: { status: response.status, url: response.url, headers: { ...response.headers }, data: response.data } });
      }
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 && path.includes("/contents/")) {
        await missing.set(key, true);
      }
      if (hit && status === 304) {
        await cache.set(key, hit); // most recently used: the last to be dropped for room
        return { ...hit.response, data: structuredClone(hit.response.data) } as Awaited<ReturnType<typeof request>>;
      }
      throw error;
    }
  });
  return octokit;
}

/** Forgets cached reads under a repository (after a push that changed its config, a label change). */
export async function forgetCached(octokit: Octokit, owner: string, repo: string): Promise<void> {
  const r = `${owner}/${repo}`.toLowerCase();
  await areaOf<number>(octokit, "etagGeneration").set(r, (await generation(octokit, r)) + 1);
}
