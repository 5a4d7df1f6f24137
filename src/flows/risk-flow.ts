import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { isOwnComment } from "../github/bot-identity.js";
import { listComments, type CommentFact } from "../github/comments.js";
import { readIssue } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { isKind } from "../records/kinds.js";
import { decideRisk, RISK_ACCEPTANCE_REQUIRED, RISK_LEVEL_LABELS, type RiskDecision } from "../risks/decide.js";
import { sameLabel } from "../core/labels.js";
import { recheckLinkingPulls, riskLinksOf, type RecheckResult } from "./linking-recheck.js";
import { evaluateRecordOnce, lastOf, recordKey } from "./lock.js";
import type { Coalesced } from "../store/coalesce.js";

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
  return lastOf(await evaluateRiskRuns(octokit, r, number, trigger, log));
}

/** Every run of one (coalesced) risk evaluation, first first; none when a running evaluation takes this event over. */
async function evaluateRiskRuns(octokit: Octokit, r: RepoRef, number: number, trigger: RiskTrigger, log: Logger, mustRun = false): Promise<Coalesced<RiskDecision | null>> {
  return evaluateRecordOnce(octokit, recordKey(r.owner, r.repo, number), async () => {
    const f = await readIssue(octokit, r, number);
    if (!isKind(f.labels, "risk") || f.isPullRequest) return null;
    const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
    const comments = await listComments(octokit, r, number);
    const { ownText, acceptanceText } = riskOwnText(comments);
    const decision = decideRisk({ ...r, number, body: f.body, labels: f.labels, state: f.state, ownText, acceptanceText, delivery: trigger.delivery }, resolved.config, trigger.now);
    const result = await applyIssuePlan(octokit, decision.plan, comments);
    log.info({ repo: `${r.owner}/${r.repo}`, issue: number, rule: "risk.evaluate", level: decision.assessment.level, acceptance: decision.assessment.acceptance.state, review: decision.assessment.review.state, calls: result.calls }, "risk record evaluated");
    return decision;
  }, mustRun);
}

/** The app's labels on a risk record that the change gate's risk link reads (src/change/risk-record.ts). */
const GATE_LABELS = [...RISK_LEVEL_LABELS, RISK_ACCEPTANCE_REQUIRED];

/** Did this evaluation change what a linking pull request's check reads (the level or the acceptance wait)? */
export function gateLabelsChanged(decision: RiskDecision | null): boolean {
  if (!decision) return false;
  const { add, remove } = decision.plan.labels;
  return [...add, ...remove].some((l) => GATE_LABELS.some((g) => sameLabel(g, l)));
}

/**
 * Evaluates a risk record and, when that changed a label the change gate reads, re-evaluates the open
 * pull requests that link it with `Risk:` at once (their head commit's check). For what the app does
 * itself (an acceptance by `/ims accept-risk`, an acceptance lapsing because its comment was edited or
 * deleted): the label changes the app makes send webhooks the app skips as its own, so nothing else
 * would re-check them. An evaluation that changes no such label re-checks nothing, so repeating a
 * command or an edit costs no fan-out. Null `recheck`: none was needed.
 */
export async function evaluateRiskAndLinks(octokit: Octokit, r: RepoRef, number: number, trigger: RiskTrigger, log: Logger): Promise<{ decision: RiskDecision | null; recheck: RecheckResult | null }> {
  // the re-check follows this caller's own decision: it waits its turn rather than leave it to a holder that would not re-check
  const runs = await evaluateRiskRuns(octokit, r, number, trigger, log, true);
  const decision = lastOf(runs);
  // a rerun for a later event may be the one that changed a gate label
  if (!runs.ran || !runs.values.some(gateLabelsChanged)) return { decision, recheck: null };
  const recheck = await recheckLinkingPulls(octokit, r, number, riskLinksOf, { delivery: trigger.delivery, now: trigger.now }, log);
  return { decision, recheck };
}
