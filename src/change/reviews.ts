import type { ChangeFacts, ReviewFacts } from "./facts.js";

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Order of submission: time, then id (GitHub ids grow), so ties are stable. */
function bySubmission(a: ReviewFacts, b: ReviewFacts): number {
  const t = Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
  return t !== 0 && !Number.isNaN(t) ? t : a.id - b.id;
}

/**
 * Each reviewer's standing review, as GitHub counts it: the latest that approved, requested changes
 * or was dismissed (comments change nothing). Keyed by lower-case login; deleted accounts are skipped.
 */
export function standingReviews(reviews: ReviewFacts[]): Map<string, ReviewFacts> {
  const sorted = reviews.filter((r) => r.user !== null && r.state !== "COMMENTED").sort(bySubmission);
  const out = new Map<string, ReviewFacts>();
  for (const r of sorted) out.set(r.user!.login.toLowerCase(), r);
  return out;
}

export type Validity =
  | { valid: true; detail: string }
  | { valid: false; detail: string; invalidatedBy: string[]; forcePush: boolean };

export interface PushRules {
  invalidateOnPush: boolean;
  allowTargetMerges: boolean;
}

/** Whether an approval still speaks for the head commit, and if not, which push took that away. */
export function validityAtHead(review: ReviewFacts, facts: ChangeFacts, rules: PushRules): Validity {
  const head = facts.pr.headSha;
  const at = review.commitId;
  if (at === head) return { valid: true, detail: `at the head commit ${shortSha(head)}` };
  if (!rules.invalidateOnPush) {
    return { valid: true, detail: `at ${at ? shortSha(at) : "an unknown commit"}; new commits do not invalidate approvals (invalidateOnPush: false)` };
  }
  if (at === null) return { valid: false, detail: "GitHub no longer knows the commit it was given on", invalidatedBy: [], forcePush: true };
  const index = new Map(facts.commits.map((c) => [c.sha, c]));
  if (!index.has(at)) {
    if (facts.truncated.commits) {
      return { valid: false, detail: `given on ${shortSha(at)}, which is not among the ${facts.commits.length} commits GitHub listed (list truncated), so it cannot be shown to cover the head`, invalidatedBy: [], forcePush: false };
    }
    return { valid: false, detail: `given on ${shortSha(at)}, which is no longer part of the pull request (force-push)`, invalidatedBy: [shortSha(head)], forcePush: true };
  }
  if (facts.truncated.commits) {
    return { valid: false, detail: `given on ${shortSha(at)}; the commit list is truncated, so the commits after it cannot all be checked`, invalidatedBy: [], forcePush: false };
  }
  if (!index.has(head)) {
    return { valid: false, detail: `given on ${shortSha(at)}; the head commit ${shortSha(head)} is not among the commits listed, so the commits after the review cannot be checked`, invalidatedBy: [shortSha(head)], forcePush: false };
  }
  const covered = ancestors(at, index);
  const later = facts.commits.filter((c) => !covered.has(c.sha));
  const blocking = rules.allowTargetMerges ? later.filter((c) => !c.mergesTargetOnly) : later;
  if (blocking.length === 0) {
    return { valid: true, detail: `at ${shortSha(at)}; later commits only merge ${facts.pr.baseRef} in (${later.map((c) => shortSha(c.sha)).join(", ")})` };
  }
  const shas = blocking.map((c) => shortSha(c.sha));
  return { valid: false, detail: `given on ${shortSha(at)}, invalidated by new commit${shas.length > 1 ? "s" : ""} ${shas.join(", ")}`, invalidatedBy: shas, forcePush: false };
}

/** `sha` and every commit of the pull request it descends from. */
function ancestors(sha: string, index: Map<string, { parents: string[] }>): Set<string> {
  const seen = new Set<string>([sha]);
  const stack = [sha];
  while (stack.length > 0) {
    const c = index.get(stack.pop()!);
    for (const p of c?.parents ?? []) {
      if (!seen.has(p) && index.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}
