import { REVIEW_LABEL } from "../change/review-record.js";
import type { ListedReviewRecord } from "../change/overdue-reviews.js";
import { hasLabel, labelNames } from "../core/labels.js";
import { isKind, kindLabel } from "../records/kinds.js";
import { repoOfItem, type SearchItem } from "../github/search-all.js";
import type { RepoRef } from "../github/types.js";
import type { RepoFound } from "./repo-steps.js";

/**
 * The search queries of a sweep, for a scope (`org:acme`, `user:alice`, `repo:acme/web`). One query
 * finds both kinds of record the sweep looks after (a comma in `label:` is GitHub's OR); archived
 * repositories are read-only, so nothing in them can be written.
 */
export const recordsQuery = (scope: string) => `${scope} is:issue is:open archived:false label:"${kindLabel("incident")}","${REVIEW_LABEL}","${kindLabel("risk")}"`;
export const pullsQuery = (scope: string) => `${scope} is:pr is:open archived:false`;

/** The search scope of an installation's account: `org:` for an organisation, `user:` for a person. */
export const accountScope = (account: { login: string; type?: string }) => `${account.type === "Organization" ? "org" : "user"}:${account.login}`;

const labelsOf = (item: SearchItem) => labelNames(item.labels);

/** Groups the records and open pull requests a sweep's searches found by repository. */
export function groupFound(records: readonly SearchItem[], pulls: readonly SearchItem[]): Map<string, { r: RepoRef; found: RepoFound & { incidents: SearchItem[]; reviews: ListedReviewRecord[] } }> {
  const out = new Map<string, { r: RepoRef; found: RepoFound & { incidents: SearchItem[]; reviews: ListedReviewRecord[] } }>();
  const entry = (item: SearchItem) => {
    const r = repoOfItem(item);
    const key = `${r.owner}/${r.repo}`.toLowerCase();
    let e = out.get(key);
    if (!e) out.set(key, (e = { r, found: { incidents: [], reviews: [], openPulls: false } }));
    return e.found;
  };
  for (const item of records) {
    if (item.pull_request) continue;
    const labels = labelsOf(item);
    if (isKind(labels, "incident")) entry(item).incidents.push(item);
    else if (isKind(labels, "risk")) {
      const e = entry(item);
      e.risks = [...(e.risks ?? []), item];
    }
    if (hasLabel(labels, REVIEW_LABEL)) {
      entry(item).reviews.push({ number: item.number, labels, body: item.body ?? null, openedByBot: item.user?.type === "Bot", createdAt: item.created_at });
    }
  }
  for (const item of pulls) entry(item).openPulls = true;
  return out;
}
