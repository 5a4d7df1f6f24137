import { md } from "../core/explain.js";
import type { BaseChange, ReviewFacts } from "./facts.js";

/**
 * The base changes made at or after an approval: the reviewer saw the diff against the old target, so
 * retargeting (for example from a scratch branch already holding unreviewed commits to `main`) brings
 * in commits nobody approved, exactly like a push. GitHub stamps times to the second, so a change in
 * the same second as the review counts as after it (the safe side: the reviewer approves again).
 */
export function baseChangesAfter(review: ReviewFacts, changes: BaseChange[]): BaseChange[] {
  const at = Date.parse(review.submittedAt);
  return changes.filter((c) => Number.isNaN(at) || Date.parse(c.at) >= at);
}

/** In words, already escaped: "the base branch changed from scratch to main at 2026-03-02T09:00:00Z by @alice". */
export function describeBaseChange(c: BaseChange): string {
  return `the base branch changed from ${md(c.from)} to ${md(c.to)} at ${md(c.at)}${c.actor ? ` by ${md(`@${c.actor}`)}` : ""}`;
}
