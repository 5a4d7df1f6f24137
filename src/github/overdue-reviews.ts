import { decideOverdueReview, OVERDUE_LEVEL } from "../change/overdue-reviews.js";
import { REVIEW_LABEL, parseReviewMarker } from "../change/review-record.js";
import type { ImsConfig } from "../config/schema.js";
import { parseEscalationMarkers } from "../sla/markers.js";
import { applyIssuePlan } from "./apply-plan.js";
import { isOwnComment } from "./bot-identity.js";
import { listComments } from "./comments.js";
import type { Octokit, RepoRef } from "./types.js";

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
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...r, state: "open", labels: REVIEW_LABEL, per_page: 100 })) {
    calls++;
    for (const issue of page.data) {
      if (issue.pull_request) continue;
      const openedByBot = issue.user?.type === "Bot";
      const due = openedByBot ? parseReviewMarker(issue.body)?.due : undefined;
      const labels = issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
      if (!due || now.getTime() <= due.getTime() || labels.includes("sla:breached")) continue;
      const config = await configOf();
      if (!config) return { escalated, calls };
      const cfg = { approvers: config.change.emergency.approvers, management: config.major.team, org: r.owner };
      const comments = await listComments(octokit, r, issue.number);
      calls++;
      const done = parseEscalationMarkers(comments.filter(isOwnComment).map((c) => c.body).join("\n")).includes(OVERDUE_LEVEL);
      const decision = decideOverdueReview({ ...r, number: issue.number, state: "open", labels, body: issue.body ?? null, openedByBot, escalated: done }, cfg, now);
      if (!decision.overdue) continue;
      calls += (await applyIssuePlan(octokit, decision.plan, comments)).calls;
      escalated.push(issue.number);
    }
  }
  return { escalated, calls };
}
