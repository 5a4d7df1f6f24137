import { withCalls } from "./call-counter.js";
import { MAX_OPEN_PULLS_SCANNED } from "./linking-pulls.js";
import type { Octokit, RepoRef } from "./types.js";

/** What the open pull request list says of one pull request. */
export interface OpenPull {
  number: number;
  headSha: string;
  baseRef: string;
}

export interface OpenPulls {
  pulls: OpenPull[];
  calls: number;
}

/**
 * Every open pull request of the repository (up to MAX_OPEN_PULLS_SCANNED), as the pulls list gives
 * it. This list, not `GET /commits/{sha}/pulls`, finds the pull requests whose head is a commit:
 * GitHub answers that endpoint with only the merged pull request once the commit is on the default
 * branch, so an open pull request from `main` into `release` would be missed. The list costs one call
 * per 100 open pull requests and is read conditionally (src/github/etag-cache.ts): a 304 when no open
 * pull request changed, which GitHub does not count against the rate limit.
 */
export async function listOpenPulls(octokit: Octokit, r: RepoRef): Promise<OpenPulls & { truncated: boolean }> {
  return withCalls(octokit, async () => {
    const pulls: OpenPull[] = [];
    let truncated = false;
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { ...r, state: "open", per_page: 100 })) {
      for (const p of page.data) pulls.push({ number: p.number, headSha: p.head.sha, baseRef: p.base.ref });
      if (pulls.length >= MAX_OPEN_PULLS_SCANNED) {
        truncated = page.data.length === 100;
        break;
      }
    }
    return { pulls, truncated };
  });
}

/**
 * Open pull requests whose head is `sha`. Beyond MAX_OPEN_PULLS_SCANNED open pull requests the list is
 * cut, so the commit's associated pull requests are asked too (one more call), which finds them while
 * the commit is not on the default branch.
 */
export async function openPullsWithHead(octokit: Octokit, r: RepoRef, sha: string): Promise<OpenPulls & { all: OpenPull[] }> {
  return withCalls(octokit, async () => {
    const listed = await listOpenPulls(octokit, r);
    const found = new Map(listed.pulls.filter((p) => p.headSha === sha).map((p) => [p.number, p]));
    if (listed.truncated) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: sha, per_page: 100 });
      for (const p of data) if (p.state === "open" && p.head.sha === sha) found.set(p.number, { number: p.number, headSha: p.head.sha, baseRef: p.base.ref });
    }
    return { pulls: [...found.values()].sort((a, b) => a.number - b.number), all: listed.pulls };
  });
}
