import { SEARCH_RESULTS_MAX } from "../github/search-pages.js";
import { searchAll } from "../github/search-all.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { groupFound, recordsQuery } from "./found.js";
import { DISPATCH_STEPS, sweepFound, type SweepOptions, type SweepStats } from "./repo-steps.js";

export type { SweepOptions, SweepStats } from "./repo-steps.js";

/** Named limit: GitHub's search returns at most 1,000 results per query (searchAll reads past it by creation time). */
export const SEARCH_MAX_RESULTS = SEARCH_RESULTS_MAX;

/**
 * Sweeps one repository (the `ims-sweep` dispatch): one search for its open records (a page per
 * 100), then the same per-repository steps as the installation-wide sweep. The freeze step reads the
 * open pull requests itself, and only when a window started or ended.
 */
export async function sweepRepo(octokit: Octokit, r: RepoRef, opts: SweepOptions): Promise<SweepStats> {
  const found = await searchAll(octokit, recordsQuery(`repo:${r.owner}/${r.repo}`));
  if (found.incomplete) opts.log.warn({ repo: `${r.owner}/${r.repo}`, sweep: opts.id }, "GitHub's search answered incomplete_results: records it missed are swept next time");
  const mine = [...groupFound(found.items, []).values()][0]?.found ?? { incidents: [], reviews: [] };
  const stats = await sweepFound(octokit, r, { incidents: mine.incidents, reviews: mine.reviews, risks: "risks" in mine ? mine.risks : [], openPulls: true }, opts, DISPATCH_STEPS);
  stats.searchPages = found.pages;
  return stats;
}
