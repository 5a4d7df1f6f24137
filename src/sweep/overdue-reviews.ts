import { decideOverdueReview, mayBeOverdue, OVERDUE_LEVEL, type ListedReviewRecord } from "../change/overdue-reviews.js";
import type { ImsConfig } from "../config/schema.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { issueBodyEdited } from "../github/own-writes.js";
import { escalatedAt, openReviewRecordPages } from "../github/review-record-facts.js";
import type { Octokit, RepoRef } from "../github/types.js";

/**
 * For the sweep: escalates every open post-implementation review record of `r` past its due date.
 * One call per 100 open review records; comments are read only for an overdue record not yet
 * labelled `sla:breached`; the config (teams to mention) is asked for only then, and a null config
 * (a scheduled sweep that is switched off) escalates nothing. Returns the records escalated now and the calls made.
 * Example: await escalateOverdueReviews(octokit, { owner, repo }, async () => resolved.config, now)
 */
export async function escalateOverdueReviews(octokit: Octokit, r: RepoRef, configOf: () => Promise<ImsConfig | null>, now: Date): Promise<{ escalated: number[]; calls: number }> {
  const escalated: number[] = [];
  let calls = 0;
  for await (const page of openReviewRecordPages(octokit, r)) {
    calls++;
    const done = await escalateListed(octokit, r, page, configOf, now);
    escalated.push(...done.escalated);
    calls += done.calls;
    if (done.off) break;
  }
  return { escalated, calls };
}

/**
 * Escalates the overdue ones of review records already listed (by the installation-wide search):
 * comments read only for a record that may be overdue, the config asked for only then.
 */
export async function escalateListed(octokit: Octokit, r: RepoRef, listed: readonly ListedReviewRecord[], configOf: () => Promise<ImsConfig | null>, now: Date): Promise<{ escalated: number[]; calls: number; off: boolean }> {
  const escalated: number[] = [];
  let calls = 0;
  for (const listedRec of listed) {
    // one store read, no request: a body someone edited since the app wrote it carries no due date it believes
    const rec = listedRec.openedByBot ? { ...listedRec, bodyEdited: await issueBodyEdited(octokit, r, listedRec.number, listedRec.body) } : listedRec;
    if (!mayBeOverdue(rec, now)) continue;
    const config = await configOf();
    if (!config) return { escalated, calls, off: true };
    const cfg = { approvers: config.change.emergency.approvers, management: config.major.team, org: r.owner, dueDays: config.change.emergency.reviewDueDays };
    const read = await escalatedAt(octokit, r, rec.number, OVERDUE_LEVEL);
    calls++;
    const decision = decideOverdueReview({ ...r, ...rec, state: "open", escalated: read.escalated }, cfg, now);
    if (!decision.overdue) continue;
    calls += (await applyIssuePlan(octokit, decision.plan, read.comments)).calls;
    escalated.push(rec.number);
  }
  return { escalated, calls, off: false };
}
