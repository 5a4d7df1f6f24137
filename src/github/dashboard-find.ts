import { DASHBOARD_TITLE, isDashboardBody } from "../dashboard/render.js";
import { isOwnComment } from "./bot-identity.js";
import { searchIssuesFirstPage } from "./search-pages.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: pages (of 100) of the app's own closed issues read looking for its dashboard, oldest first. */
export const CLOSED_OWN_PAGES = 3;
/** Named limit: closed issues titled like the dashboard that the fallback search reads (one page). */
export const CLOSED_DASHBOARDS_READ = 30;

/** How to look: the app's login (`<slug>[bot]`), and the sweep's search pacer for the fallback. */
export interface FindClosed {
  creator: string | null;
  pace?: (() => Promise<void>) | undefined;
}

const ours = (i: { pull_request?: unknown; state?: string; body?: string | null; user?: { login?: string; type?: string } | null; performed_via_github_app?: { id?: number } | null }) =>
  !i.pull_request && i.state === "closed" && isOwnComment(i) && isDashboardBody(i.body);

/**
 * The app's closed dashboard of `r`, found on GitHub by its marker, for an instance whose store does
 * not remember it (a fresh instance, or a person closed it). Renovate reopens its closed Dependency
 * Dashboard rather than open a second one; so do we. With the app's login known: its own closed
 * issues, oldest first (REST, one call per 100 and no search budget; the dashboard is among the app's
 * first issues of a repository). Without it: one search by title (one of the 30 a minute, after
 * `pace`). Only an issue this app wrote with the marker counts (a person's issue titled "IMS
 * dashboard" does not); the lowest number wins, as createIssueOnce keeps the lowest.
 */
export async function findClosedDashboard(octokit: Octokit, r: RepoRef, how: FindClosed): Promise<number | null> {
  if (how.creator) {
    let page = 0;
    for await (const res of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...r, state: "closed", creator: how.creator, sort: "created", direction: "asc", per_page: 100 })) {
      const found = res.data.find(ours);
      if (found) return found.number;
      if (++page >= CLOSED_OWN_PAGES) break;
    }
    return null;
  }
  await how.pace?.();
  const q = `repo:${r.owner}/${r.repo} is:issue is:closed in:title "${DASHBOARD_TITLE}"`;
  const found = (await searchIssuesFirstPage(octokit, q, CLOSED_DASHBOARDS_READ)).items.filter(ours).map((i) => i.number);
  return found.length > 0 ? Math.min(...found) : null;
}
