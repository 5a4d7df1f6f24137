import { linkKey } from "../change/links.js";
import { changeLinksOf, type BodyLinks } from "./linking-pulls.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: timeline pages (100 events each) read for pull requests in other repositories that link a record. */
export const MAX_TIMELINE_PAGES = 3;

export interface LinkingPull {
  repo: RepoRef;
  number: number;
}

interface TimelineSource {
  event?: string;
  source?: { issue?: { number: number; state?: string; body?: string | null; pull_request?: unknown; repository?: { name: string; owner: { login: string } } } };
}

/**
 * Open pull requests in OTHER repositories of the record's owner whose body links the record
 * `r#number`. GitHub writes a `cross-referenced` event on the record's timeline whenever a pull
 * request's body mentions it, carrying that pull request as it is now (state and body), so one
 * timeline page per 100 events finds them, with no search (30 a minute) and no listing of every
 * repository. Each body is parsed with the policy's own parser: a mention that is not a link, or a
 * link since removed, does not count. Records in another owner's repositories never approve a change
 * (see readChangeRecords), so only the record owner's repositories are returned.
 */
export async function pullsLinkingFromOtherRepos(octokit: Octokit, r: RepoRef, number: number, linksOf: BodyLinks = changeLinksOf): Promise<{ pulls: LinkingPull[]; calls: number; truncated: boolean }> {
  const want = linkKey(`${r.owner}/${r.repo}`, number);
  const seen = new Set<string>();
  const pulls: LinkingPull[] = [];
  let calls = 0;
  let truncated = false;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listEventsForTimeline, { ...r, issue_number: number, per_page: 100 })) {
    calls++;
    for (const e of page.data as unknown as TimelineSource[]) {
      const issue = e.event === "cross-referenced" ? e.source?.issue : undefined;
      const repo = issue?.repository;
      if (!issue || !repo || !issue.pull_request || issue.state !== "open") continue;
      if (repo.owner.login.toLowerCase() !== r.owner.toLowerCase() || repo.name.toLowerCase() === r.repo.toLowerCase()) continue;
      const from = `${repo.owner.login}/${repo.name}`;
      const key = linkKey(from, issue.number);
      if (seen.has(key)) continue;
      seen.add(key);
      if (linksOf(issue.body ?? "", from).some((l) => linkKey(l.repo, l.number) === want)) {
        pulls.push({ repo: { owner: repo.owner.login, repo: repo.name }, number: issue.number });
      }
    }
    if (calls >= MAX_TIMELINE_PAGES) {
      truncated = page.data.length === 100;
      break;
    }
  }
  return { pulls, calls, truncated };
}
