import type { WalkBase } from "../deploy/facts.js";
import { DEPLOY_WALK_MAX } from "../deploy/names.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * The configured baseline when it comes after the last approved deployment (it descends from it): an
 * approved change to `.github/ims.yml` that accepts what came before it (a direct push, reviewed after
 * the fact). An older baseline changes nothing. One compare, only when a baseline sha is set.
 */
export async function baselineAfter(octokit: Octokit, r: RepoRef, approvedSha: string, baseline: string | null): Promise<WalkBase | null> {
  if (!baseline || baseline === "root" || baseline === approvedSha) return null;
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${approvedSha}...${baseline}`, per_page: 1 });
    return data.status === "ahead" ? { kind: "baseline", sha: baseline } : null;
  } catch {
    return null; // a baseline GitHub does not know: the last approved deployment stays the start
  }
}

interface Walk {
  commits: Array<{ sha: string; title: string; author: string | null; parents: number }>;
  truncated: boolean;
  total: number;
  /** GitHub's compare status of the start and the deployed commit (null for a history walk). */
  status: "ahead" | "identical" | "behind" | "diverged" | null;
}

/** The commits from the walk's start to `sha` (compare pages, or the history for `root`/none), bounded. */
export async function walkFrom(octokit: Octokit, r: RepoRef, base: WalkBase, sha: string): Promise<Walk> {
  const one = (c: { sha: string; commit: { message: string }; author?: { login?: string } | null; parents: unknown[] }) => ({ sha: c.sha, title: c.commit.message.split("\n")[0] ?? "", author: c.author?.login ?? null, parents: c.parents.length });
  if (base.kind === "deployment" || base.kind === "baseline") {
    // GitHub pages a compare's commits (oldest first); enough pages for the walk's limit, no more
    const commits: Walk["commits"] = [];
    let total = 0;
    let status: Walk["status"] = null;
    for (let page = 1; commits.length <= DEPLOY_WALK_MAX; page++) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${base.sha}...${sha}`, per_page: 100, page });
      total = data.total_commits;
      status = data.status;
      commits.push(...data.commits.map(one));
      if (data.commits.length < 100 || commits.length >= total) break;
    }
    return { commits: commits.slice(0, DEPLOY_WALK_MAX), truncated: total > DEPLOY_WALK_MAX || commits.length < total, total, status };
  }
  const commits: Walk["commits"] = [];
  for (let page = 1; commits.length <= DEPLOY_WALK_MAX; page++) {
    const { data } = await octokit.rest.repos.listCommits({ ...r, sha, per_page: 100, page });
    commits.push(...data.map(one));
    if (data.length < 100) break;
  }
  // `root`: the repository's first commit is the audited start; any other commit must be accounted for
  const walked = base.kind === "root" ? commits.filter((c) => c.parents > 0) : commits;
  return { commits: walked.slice(0, DEPLOY_WALK_MAX), truncated: commits.length > DEPLOY_WALK_MAX, total: commits.length, status: null };
}
