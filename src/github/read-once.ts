import type { Octokit } from "./types.js";

/**
 * Within one Octokit's life (one sweep of an installation), each file is read from GitHub once:
 * every repository without its own `.github/ims.yml` falls back to the organisation's, and without
 * this each would ask GitHub for it again (a 304 is free against the rate limit, but still a request).
 * Install it after withEtagCache, so that it wraps the cache. The response is cloned for each reader.
 */
export function readFilesOnce(octokit: Octokit): Octokit {
  const reads = new Map<string, Promise<{ status: number; url: string; headers: Record<string, unknown>; data: unknown }>>();
  octokit.hook.wrap("request", async (request, options) => {
    const endpoint = octokit.request.endpoint.merge(options as unknown as Record<string, unknown>);
    const url = octokit.request.endpoint.parse(endpoint).url;
    if (endpoint.method !== "GET" || !/\/repos\/[^/]+\/[^/]+\/contents\//.test(url)) return request(options);
    const key = `${url} ${String(endpoint.headers.accept ?? "")}`;
    let read = reads.get(key);
    if (!read) {
      read = request(options) as unknown as typeof read & object;
      reads.set(key, read);
    }
    const response = await read;
    return { ...response, data: structuredClone(response.data) } as Awaited<ReturnType<typeof request>>;
  });
  return octokit;
}
