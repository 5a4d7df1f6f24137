import type { Octokit, RepoRef } from "./types.js";

/** An issue (or pull request) of a repository's issue list, as GitHub's REST list returns it. */
export type ListedIssue = Awaited<ReturnType<Octokit["rest"]["issues"]["listForRepo"]>>["data"][number];

/**
 * Every issue of a repository with these labels (`GET /repos/{o}/{r}/issues`, 100 a page, every page):
 * a REST list is consistent where search lags. Pull requests are in it too (`pull_request` set).
 */
export function listIssuesLabelled(octokit: Octokit, r: RepoRef, query: { labels: string; state: "open" | "closed" | "all"; since?: string }): Promise<ListedIssue[]> {
  return octokit.paginate(octokit.rest.issues.listForRepo, { ...r, ...query, per_page: 100 });
}
