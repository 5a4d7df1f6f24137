import { withCalls } from "./call-counter.js";
import { linkKey } from "../change/links.js";
import { changeLinksOf, pullsLinking, type BodyLinks } from "./linking-pulls.js";
import type { LinkingPull } from "./record-references.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: repositories of the record's owner whose open pull requests are listed when the record's timeline is too long to read whole. */
export const MAX_REPOS_LISTED = 50;

/**
 * Open pull requests in the owner's other repositories that link the record `r#number`, found by
 * listing each repository's open pull requests (one call per 100 installation repositories, then one
 * per 100 open pull requests of each), not from the record's timeline. For a record whose timeline
 * is longer than the part read: anyone who can comment can push the cross-references of passing
 * changes out of it (300 comments), and a closed or emptied record must still reach them. Costs more
 * than the timeline, so it is used only then. `truncated` when repositories were left out.
 */
export async function pullsLinkingByListing(octokit: Octokit, r: RepoRef, number: number, linksOf: BodyLinks = changeLinksOf): Promise<{ pulls: LinkingPull[]; calls: number; truncated: boolean }> {
  return withCalls(octokit, async () => {
    const record = { repo: `${r.owner}/${r.repo}`, number };
    const repos: RepoRef[] = [];
    let truncated = false;
    for await (const page of octokit.paginate.iterator("GET /installation/repositories", { per_page: 100 })) {
      const list = page.data as unknown as Array<{ name: string; owner: { login: string }; archived?: boolean }>;
      for (const repo of list) {
        if (repo.archived || repo.owner.login.toLowerCase() !== r.owner.toLowerCase() || repo.name.toLowerCase() === r.repo.toLowerCase()) continue;
        if (repos.length >= MAX_REPOS_LISTED) truncated = true;
        else repos.push({ owner: repo.owner.login, repo: repo.name });
      }
      if (truncated) break;
    }
    const pulls: LinkingPull[] = [];
    for (const repo of repos) {
      const found = await pullsLinking(octokit, repo, record, linksOf);
      for (const n of found.numbers) pulls.push({ repo, number: n });
    }
    return { pulls, truncated };
  });
}

/** The pull requests of both lists, once each, the first list's order first. */
export function mergeLinkingPulls(a: LinkingPull[], b: LinkingPull[]): LinkingPull[] {
  const seen = new Set<string>();
  const out: LinkingPull[] = [];
  for (const p of [...a, ...b]) {
    const key = linkKey(`${p.repo.owner}/${p.repo.repo}`, p.number);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
