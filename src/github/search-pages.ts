import type { Octokit } from "./types.js";

/** GitHub's issue search returns at most 1,000 results for one query, whatever the page. */
export const SEARCH_RESULTS_MAX = 1_000;

type SearchItem = Awaited<ReturnType<Octokit["rest"]["search"]["issuesAndPullRequests"]>>["data"]["items"][number];

export interface SearchPage {
  items: SearchItem[];
  totalCount: number;
  incomplete: boolean;
}

/**
 * The pages of one issue search, read by `page` number and from `items` by name. Octokit's paginate
 * takes the first key of a search response other than its counts for the list, so a key GitHub
 * adds before `items` (the description now has `search_type`) would break every paginated search;
 * reading `items` by name does not depend on key order. Stops at the last page or at GitHub's
 * 1,000-result cap.
 */
export async function* searchIssuePages(octokit: Octokit, q: string, perPage = 100): AsyncGenerator<SearchPage> {
  for (let page = 1; ; page++) {
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: perPage, page });
    yield { items: data.items, totalCount: data.total_count, incomplete: data.incomplete_results };
    const seen = page * perPage;
    if (data.items.length < perPage || seen >= Math.min(data.total_count, SEARCH_RESULTS_MAX)) return;
  }
}

/** The first page of one issue search only (1 call, one of the 30 searches a minute): for callers with a named limit. */
export async function searchIssuesFirstPage(octokit: Octokit, q: string, perPage: number): Promise<SearchPage> {
  const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: perPage });
  return { items: data.items, totalCount: data.total_count, incomplete: data.incomplete_results };
}
