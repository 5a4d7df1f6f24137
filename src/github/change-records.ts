import type { ChangeRecordFacts } from "../change/facts.js";
import type { ResolvedLink } from "../change/links.js";
import { recordTooCostly } from "../change/record-cost.js";
import { parseForm } from "../records/form.js";
import type { Octokit } from "./types.js";
import { statusOf } from "./types.js";
import { labelNames } from "../core/labels.js";

/** Named limit: linked records read per evaluation; links beyond it are reported unreadable. */
export const MAX_LINKED_RECORDS = 10;

/**
 * Reads each linked issue (same repository or `owner/repo#N`); one that cannot be read says why.
 * Only records owned by the pull request's own owner (user or organisation) are trusted: anyone
 * can label an issue `change:emergency` in a repository of their own and link it.
 */
export async function readChangeRecords(octokit: Octokit, links: ResolvedLink[], owner: string): Promise<{ records: ChangeRecordFacts[]; calls: number }> {
  const inScope = (l: ResolvedLink) => (l.repo.split("/")[0] ?? "").toLowerCase() === owner.toLowerCase();
  const outside = links.filter((l) => !inScope(l)).map((l): ChangeRecordFacts => ({ status: "unreadable", repo: l.repo, number: l.number, reason: `it is outside ${owner}: a record in another owner's repository cannot approve a change here` }));
  const trusted = links.filter(inScope);
  const read = trusted.slice(0, MAX_LINKED_RECORDS);
  const skipped = trusted.slice(MAX_LINKED_RECORDS).map((l): ChangeRecordFacts => ({ status: "unreadable", repo: l.repo, number: l.number, reason: `more than ${MAX_LINKED_RECORDS} issues linked; only the first ${MAX_LINKED_RECORDS} are read` }));
  const records = await Promise.all(read.map((l) => readRecord(octokit, l)));
  return { records: [...records, ...skipped, ...outside], calls: read.length };
}

/**
 * Where the issue GitHub answered with now is, when it is not the one linked: GitHub answers a read of a
 * transferred issue with `301 Moved Permanently` to its new place, and fetch follows it, so the answer
 * is the issue in its new repository (another number, its labels only where that repository has them).
 */
function movedTo(data: { repository_url?: string; number: number }, link: ResolvedLink): string | null {
  const at = /\/repos\/([^/]+\/[^/]+)$/.exec(data.repository_url ?? "")?.[1];
  if (!at) return null;
  if (at.toLowerCase() === link.repo.toLowerCase() && data.number === link.number) return null;
  return `${at}#${data.number}`;
}

async function readRecord(octokit: Octokit, link: ResolvedLink): Promise<ChangeRecordFacts> {
  const [owner = "", repo = ""] = link.repo.split("/");
  try {
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: link.number });
    if (data.pull_request) return { status: "unreadable", repo: link.repo, number: link.number, reason: "it is a pull request, not an issue" };
    const moved = movedTo(data, link);
    if (moved) return { status: "unreadable", repo: link.repo, number: link.number, reason: `it was transferred to ${moved}: a link to where a record was supports nothing, link it where it is now` };
    const costly = recordTooCostly(data.body ?? "");
    if (costly) return { status: "unreadable", repo: link.repo, number: link.number, reason: `${costly}; write it plainly` };
    const fields: Record<string, string | null> = {};
    const form = parseForm(data.body);
    // a heading given twice has no one answer: the reader may see the other one
    for (const [heading, answer] of form.fields) fields[heading] = form.duplicates.has(heading) ? null : answer;
    return {
      status: "found",
      repo: link.repo,
      number: link.number,
      labels: labelNames(data.labels),
      state: data.state === "closed" ? "closed" : "open",
      fields,
      ...(form.duplicates.size > 0 ? { ambiguous: [...form.duplicates] } : {}),
    };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 403 || status === 410 || status === 301) {
      const why = status === 410 ? "it was deleted" : status === 301 ? "it moved to another repository" : "not found, or the app is not installed on that repository";
      return { status: "unreadable", repo: link.repo, number: link.number, reason: `${why} (HTTP ${status})` };
    }
    throw error;
  }
}
