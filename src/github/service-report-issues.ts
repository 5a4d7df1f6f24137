import { kindLabel } from "../records/kinds.js";
import { listIssuesLabelled, type ListedIssue } from "./issue-lists.js";
import type { Octokit, RepoRef } from "./types.js";

/** The label of the service report issues (one per period). */
export const SERVICE_REPORT_LABEL = "ims:service-report";

/** Every service report issue of the repository (open or closed). */
export function listServiceReports(octokit: Octokit, r: RepoRef): Promise<ListedIssue[]> {
  return listIssuesLabelled(octokit, r, { labels: SERVICE_REPORT_LABEL, state: "all" });
}

/** Every improvement record of the repository (open or closed). */
export function listImprovements(octokit: Octokit, r: RepoRef): Promise<ListedIssue[]> {
  return listIssuesLabelled(octokit, r, { labels: kindLabel("improvement"), state: "all" });
}

/** Who closed an issue: GitHub's list leaves `closed_by` out, one issue's read has it (1 call). */
export async function closedBy(octokit: Octokit, r: RepoRef, number: number): Promise<string | null> {
  const { data } = await octokit.rest.issues.get({ ...r, issue_number: number });
  return data.closed_by?.login ?? null;
}

/** Edits an issue's body (1 call). */
export async function editIssueBody(octokit: Octokit, r: RepoRef, number: number, body: string): Promise<void> {
  await octokit.rest.issues.update({ ...r, issue_number: number, body });
}
