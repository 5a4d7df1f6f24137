import { DASHBOARD_TITLE, hashOf, isDashboardBody } from "../dashboard/render.js";
import { isOwnComment } from "./bot-identity.js";
import { createIssueOnce } from "./create-once.js";
import { findClosedDashboard } from "./dashboard-find.js";
import type { DashboardIssue } from "./dashboard-facts.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** What writing the dashboard did. */
export interface DashboardWrite {
  number: number | null;
  action: "unchanged" | "edited" | "reopened" | "created" | "closed" | "none";
}

/** The app's open dashboards of `r` (for createIssueOnce's second look): one list of the open issues the app opened. */
async function openDashboards(octokit: Octokit, r: RepoRef, creator: string | null): Promise<number[]> {
  const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...r, state: "open", per_page: 100, ...(creator ? { creator } : {}) });
  return all.filter((i) => !i.pull_request && isOwnComment(i) && isDashboardBody(i.body)).map((i) => i.number);
}

/**
 * Makes the dashboard of `r` say `body` with the fewest calls (Renovate's ensureIssue): the open one is
 * edited only when its hash differs (0 calls otherwise); when none is open, the one the store remembers
 * is reopened if a person closed it (Renovate reopens its dashboard too); an instance that remembers
 * none looks for a closed one on GitHub (findClosedDashboard: one search) and reopens that; only then
 * is one created once (createIssueOnce: create, list again, keep the lowest).
 */
export async function writeDashboard(
  octokit: Octokit,
  r: RepoRef,
  want: { body: string; hash: string },
  found: { open: DashboardIssue | null; remembered: number | null; creator: string | null; pace?: () => Promise<void> },
): Promise<DashboardWrite> {
  if (found.open) {
    if (hashOf(found.open.body) === want.hash) return { number: found.open.number, action: "unchanged" };
    await octokit.rest.issues.update({ ...r, issue_number: found.open.number, title: DASHBOARD_TITLE, body: want.body });
    return { number: found.open.number, action: "edited" };
  }
  if (found.remembered !== null) {
    const old = await octokit.rest.issues.get({ ...r, issue_number: found.remembered }).catch((error: unknown) => {
      if (statusOf(error) === 404 || statusOf(error) === 410) return null;
      throw error;
    });
    if (old && !old.data.pull_request && isOwnComment(old.data) && isDashboardBody(old.data.body)) return reopen(octokit, r, found.remembered, want.body);
  }
  const closed = await findClosedDashboard(octokit, r, { creator: found.creator, pace: found.pace });
  if (closed !== null) return reopen(octokit, r, closed, want.body);
  const made = await createIssueOnce(octokit, r, { title: DASHBOARD_TITLE, body: want.body, labels: [] }, { listAgain: () => openDashboards(octokit, r, found.creator) });
  return { number: made.kept, action: "created" };
}

async function reopen(octokit: Octokit, r: RepoRef, number: number, body: string): Promise<DashboardWrite> {
  await octokit.rest.issues.update({ ...r, issue_number: number, state: "open", title: DASHBOARD_TITLE, body });
  return { number, action: "reopened" };
}

/** `dashboard: false`: closes the open dashboard, if any (1 call, once: a closed one is not listed again). */
export async function closeDashboard(octokit: Octokit, r: RepoRef, open: DashboardIssue | null): Promise<DashboardWrite> {
  if (!open) return { number: null, action: "none" };
  await octokit.rest.issues.update({ ...r, issue_number: open.number, state: "closed", state_reason: "completed" });
  return { number: open.number, action: "closed" };
}
