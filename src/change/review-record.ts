import { md } from "../core/explain.js";

/** Label every post-implementation (and post-incident) review record carries, whatever its kind label. */
export const REVIEW_LABEL = "ims:post-incident-review";
const DAY_MS = 86_400_000;

/** The pull request a review record belongs to. */
export interface ReviewOf {
  /** `owner/name`. */
  repo: string;
  number: number;
}

/** Hidden marker in the review record's body: which pull request, and when the review is due. */
export function reviewMarker(of: ReviewOf, due: Date): string {
  return `<!-- ims-pir pr=${of.repo}#${of.number} due=${due.toISOString()} -->`;
}

const MARKER = /<!-- ims-pir pr=([A-Za-z0-9._/-]{3,140})#(\d{1,9}) due=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z) -->/;

/** Reads reviewMarker back; null when the body has none (or a damaged one). */
export function parseReviewMarker(body: string | null | undefined): (ReviewOf & { due: Date }) | null {
  const m = MARKER.exec(body ?? "");
  if (!m) return null;
  const due = new Date(m[3]!);
  return Number.isNaN(due.getTime()) ? null : { repo: m[1]!, number: Number(m[2]), due };
}

/** Hidden marker of the app's comment on the pull request that links its review record. */
export function reviewLinkMarker(record: number): string {
  return `<!-- ims-pir-link record=${record} -->`;
}

/** The record number in a reviewLinkMarker, or null. */
export function parseReviewLink(body: string): number | null {
  const m = /<!-- ims-pir-link record=(\d{1,9}) -->/.exec(body);
  return m ? Number(m[1]) : null;
}

/** Due `days` calendar days after `now`. */
export function reviewDue(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** Title and body of the review record opened for a passing emergency change. */
export function renderReviewRecord(of: ReviewOf, pr: { title: string; author: string; headSha: string }, due: Date, dueDays: number): { title: string; body: string } {
  const day = due.toISOString().slice(0, 10);
  return {
    title: `Post-implementation review: ${pr.title}`.slice(0, 250),
    body: [
      reviewMarker(of, due),
      `Emergency change ${of.repo}#${of.number} (by ${md(`@${pr.author}`)}, head ${pr.headSha.slice(0, 7)}) went in on the emergency path; it must be reviewed after implementation.`,
      "",
      `**Due: ${day}** (within ${dueDays} days). If this record is still open after that, ims-bot escalates it like an SLA breach.`,
      "",
      "### What changed and why it could not wait",
      "",
      "_No response_",
      "",
      "### Was the change correct and complete?",
      "",
      "_No response_",
      "",
      "### Follow-up (problem records, tests, rollback)",
      "",
      "_No response_",
    ].join("\n"),
  };
}
