import { withCalls } from "./call-counter.js";
import { linkKey, parseChangeLinks, resolveLinks, type ResolvedLink } from "../change/links.js";
import type { Octokit, RepoRef } from "./types.js";

/** The links a pull-request body makes to records, resolved against the pull request's repository `owner/name`. */
export type BodyLinks = (body: string, repo: string) => ResolvedLink[];

/** A change record's links: `Change:` and closing keywords (the policy's own parser). */
export const changeLinksOf: BodyLinks = (body, repo) => resolveLinks(parseChangeLinks(body), repo);

/** Named limit: open pull requests scanned for links to a change record (10 pages). */
export const MAX_OPEN_PULLS_SCANNED = 1_000;

/**
 * Open pull requests of `r` whose body links the record `repo#number` (by default `Change:` or a closing
 * keyword; `linksOf` for another kind's links, e.g. `Risk:`).
 * Listing open pull requests and parsing their bodies with the policy's own parser costs one call per
 * 100 open pull requests and is exact; the search API would cost one call too, but has its own
 * 30-a-minute limit, lags behind edits by up to a minute, and matches `#12` loosely (in code, in `#123`).
 */
export async function pullsLinking(octokit: Octokit, r: RepoRef, record: { repo: string; number: number }, linksOf: BodyLinks = changeLinksOf): Promise<{ numbers: number[]; heads: Array<{ number: number; headSha: string }>; calls: number }> {
  return withCalls(octokit, async () => {
    const want = linkKey(record.repo, record.number);
    const numbers: number[] = [];
    const heads: Array<{ number: number; headSha: string }> = [];
    let seen = 0;
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { ...r, state: "open", per_page: 100 })) {
      for (const pull of page.data) {
        const links = linksOf(pull.body ?? "", `${r.owner}/${r.repo}`);
        if (!links.some((l) => linkKey(l.repo, l.number) === want)) continue;
        numbers.push(pull.number);
        heads.push({ number: pull.number, headSha: pull.head.sha });
      }
      seen += page.data.length;
      if (seen >= MAX_OPEN_PULLS_SCANNED) break;
    }
    return { numbers, heads };
  });
}
