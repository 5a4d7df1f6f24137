import { DASHBOARD_TITLE, isDashboardBody } from "../dashboard/render.js";
import { isOwnComment } from "./bot-identity.js";
import { searchIssuesFirstPage } from "./search-pages.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: closed issues titled like the dashboard that one look reads (the first search page). */
export const CLOSED_DASHBOARDS_READ = 30;

/**
 * The app's closed dashboard of `r`, found on GitHub by its title and then its marker (one search, one
 * of the 30 a minute), for an instance whose store does not remember it: a fresh instance, or a person
 * closed it. Renovate reopens its closed Dependency Dashboard rather than open a second one; so do we.
 * Only an issue this app wrote with the marker counts (a person's issue titled "IMS dashboard" does
 * not). The lowest number wins, as createIssueOnce keeps the lowest (higher ones are closed duplicates).
 */
export async function findClosedDashboard(octokit: Octokit, r: RepoRef): Promise<number | null> {
  const q = `repo:${r.owner}/${r.repo} is:issue is:closed in:title "${DASHBOARD_TITLE}"`;
  const page = await searchIssuesFirstPage(octokit, q, CLOSED_DASHBOARDS_READ);
  const ours = page.items.filter((i) => !i.pull_request && i.state === "closed" && isOwnComment(i) && isDashboardBody(i.body)).map((i) => i.number);
  return ours.length > 0 ? Math.min(...ours) : null;
}
