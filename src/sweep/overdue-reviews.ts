import { decideOverdueReview, mayBeOverdue, OVERDUE_LEVEL } from "../change/overdue-reviews.js";
import type { ImsConfig } from "../config/schema.js";
import { applyIssuePlan } from "../github/apply-plan.js";
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
    for (const listed of page) {
      if (!mayBeOverdue(listed, now)) continue;
      const config = await configOf();
      if (!config) return { escalated, calls };
      const cfg = { approvers: config.change.emergency.approvers, management: config.major.team, org: r.owner };
      const read = await escalatedAt(octokit, r, listed.number, OVERDUE_LEVEL);
      calls++;
      const decision = decideOverdueReview({ ...r, ...listed, state: "open", escalated: read.escalated }, cfg, now);
      if (!decision.overdue) continue;
      calls += (await applyIssuePlan(octokit, decision.plan, read.comments)).calls;
      escalated.push(listed.number);
    }
  }
  return { escalated, calls };
}
