import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { isOwnComment } from "../github/bot-identity.js";
import { listComments, type CommentFact } from "../github/comments.js";
import { readIssue } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { isKind } from "../records/kinds.js";
import { decideRisk, type RiskDecision } from "../risks/decide.js";
import { recordKey, withRecordLock } from "./lock.js";

/** What triggered an evaluation of a risk record. */
export interface RiskTrigger {
  delivery: string | null;
  now: Date;
  config?: ResolvedConfig | undefined;
}

/**
 * The app's own text on a risk record, and the part an acceptance is read from: own comments nobody
 * edited since (isOwnComment already refuses the ones listComments found edited, even within the
 * second; GitHub moves `updated_at` at every edit and the app never edits an acceptance comment, so
 * that check stays as a second one).
 */
export function riskOwnText(comments: readonly CommentFact[]): { ownText: string; acceptanceText: string } {
  const own = comments.filter(isOwnComment);
  return {
    ownText: own.map((c) => c.body).join("\n"),
    acceptanceText: own.filter((c) => c.updated_at === c.created_at).map((c) => c.body).join("\n"),
  };
}

/** The one way through for a risk record: read -> decideRisk (pure) -> apply. Null when not a risk. */
export async function evaluateRisk(octokit: Octokit, r: RepoRef, number: number, trigger: RiskTrigger, log: Logger): Promise<RiskDecision | null> {
  return withRecordLock(octokit, recordKey(r.owner, r.repo, number), async () => {
    const f = await readIssue(octokit, r, number);
    if (!isKind(f.labels, "risk") || f.isPullRequest) return null;
    const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
    const comments = await listComments(octokit, r, number);
    const { ownText, acceptanceText } = riskOwnText(comments);
    const decision = decideRisk({ ...r, number, body: f.body, labels: f.labels, state: f.state, ownText, acceptanceText, delivery: trigger.delivery }, resolved.config, trigger.now);
    const result = await applyIssuePlan(octokit, decision.plan, comments);
    log.info({ repo: `${r.owner}/${r.repo}`, issue: number, rule: "risk.evaluate", level: decision.assessment.level, acceptance: decision.assessment.acceptance.state, review: decision.assessment.review.state, calls: result.calls }, "risk record evaluated");
    return decision;
  });
}
