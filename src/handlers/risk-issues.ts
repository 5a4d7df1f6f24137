import type { Context } from "probot";
import { evaluateRisk, evaluateRiskAndLinks } from "../flows/risk-flow.js";
import { isOwnComment } from "../github/bot-identity.js";
import { issueFacts } from "../github/issue-facts.js";
import { isKind } from "../records/kinds.js";
import { hasAcceptanceMarker } from "../risks/acceptance.js";
import type { HandlerEnv } from "./guard.js";
import type { RecordIssueEvent } from "./kinds.js";
import { repoOf } from "./pull-requests.js";

/** An `issues` event on a risk record: evaluated on the issue as GitHub holds it now (a payload may be stale). */
export async function onRiskIssue(context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent): Promise<void> {
  await evaluateRisk(context.octokit, e.r, context.payload.issue.number, { delivery: context.id ?? null, now: env.now() }, context.log);
}

/**
 * `issue_comment` `deleted` on the app's own acceptance comment on a risk record (anyone with write
 * access may delete, or edit, any comment, the app's too): a deleted acceptance is gone, so the
 * acceptance lapses or falls back to an earlier one (an edited one no longer counts either, a marker
 * in it could be forged: onIssueComment evaluates that risk and its links). The risk is evaluated at once and, when its labels the change
 * gate reads changed, the pull requests linking it are re-checked at once (flows/risk-flow.ts). Any
 * other comment (a person's, or one of the app's without an acceptance) costs no call.
 */
export async function onRiskAcceptanceComment(context: Context<"issue_comment">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  // a person's edit of an app comment is onIssueComment's (it evaluates the risk and its links once)
  if (p.action !== "deleted") return;
  const issue = issueFacts(p.issue as Parameters<typeof issueFacts>[0]);
  if (issue.isPullRequest || !isKind(issue.labels, "risk") || !isOwnComment(p.comment)) return;
  if (!hasAcceptanceMarker(p.comment.body ?? "")) return;
  await evaluateRiskAndLinks(context.octokit, repoOf(p), issue.number, { delivery: context.id ?? null, now: env.now() }, context.log);
}
