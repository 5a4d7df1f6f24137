import { SEARCH_RESULTS_MAX, type SearchPage } from "./search-pages.js";
import type { Octokit } from "./types.js";

export type SearchItem = SearchPage["items"][number];

/** Every result of one search, however many, and what it cost. */
export interface SearchAll {
  items: SearchItem[];
  /** Search requests sent (each one of the 30 a minute). */
  pages: number;
  /** GitHub said a page timed out before every match was found (`incomplete_results`): the caller must not trust absence. */
  incomplete: boolean;
}

/** The search results beyond GitHub's cap were read this many times, at most, before giving up (a loop guard). */
const MAX_RANGES = 100;

/** A search that could not be read whole: more than 1,000 results created in the same second. */
export class SearchCapError extends Error {
  constructor(q: string, at: string) {
    super(`more than ${SEARCH_RESULTS_MAX} results of "${q}" were created at ${at}: GitHub's search cannot return them all`);
    this.name = "SearchCapError";
  }
}

/**
 * Reads every result of an issue search, 100 a page, oldest first. GitHub returns at most 1,000
 * results for one query, so past the cap the query goes on from the last creation time read
 * (`created:>=T`, the results of that instant read twice and kept once): the cap costs one search more
 * per 1,000 results, never results. `pace` is awaited before each request (the 30-a-minute limit).
 */
export async function searchAll(octokit: Octokit, q: string, pace: () => Promise<void> = async () => {}): Promise<SearchAll> {
  const seen = new Set<number>();
  const items: SearchItem[] = [];
  let pages = 0;
  let incomplete = false;
  let from: string | null = null;
  for (let range = 0; range < MAX_RANGES; range++) {
    const query: string = from ? `${q} created:>=${from}` : q;
    let last: string | null = null;
    for (let page = 1; ; page++) {
      await pace();
      const { data } = await octokit.rest.search.issuesAndPullRequests({ q: query, sort: "created", order: "asc", per_page: 100, page });
      pages++;
      incomplete ||= data.incomplete_results;
      for (const item of data.items) {
        last = item.created_at;
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
      }
      const capped = data.total_count > SEARCH_RESULTS_MAX;
      if (data.items.length < 100 || page * 100 >= Math.min(data.total_count, SEARCH_RESULTS_MAX)) {
        if (!capped || data.items.length < 100) return { items, pages, incomplete };
        break;
      }
    }
    if (last === null || last === from) throw new SearchCapError(q, last ?? "?");
    from = last;
  }
  throw new SearchCapError(q, from ?? "?");
}

/** `owner/name` of a search result, from its `repository_url`. */
export function repoOfItem(item: Pick<SearchItem, "repository_url">): { owner: string; repo: string } {
  const [owner = "", repo = ""] = item.repository_url.split("/").slice(-2);
  return { owner, repo };
}
