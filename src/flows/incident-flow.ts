import type { Logger } from "probot";
import { callsSoFar, counting } from "../github/call-counter.js";
import { formatConfigError } from "../config/errors.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { isOwnComment } from "../github/bot-identity.js";
import { listComments, type CommentFact } from "../github/comments.js";
import { freshHistory, readHistory } from "../github/history.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { readIssue } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import { storeOf } from "../github/store-of.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { classify } from "../records/classify.js";
import type { IncidentDecision, IncidentFacts } from "../records/incident.js";
import { decideIncident } from "../records/incident.js";
import { remember } from "../sweep/memo.js";
import { evaluateRecordOnce, lastOf, recordKey } from "./lock.js";
import { ensureReview } from "./review.js";
import { isKind } from "../records/kinds.js";

/** What triggered an evaluation of an incident record. */
export interface IncidentTrigger {
  /** The webhook delivery id, or the sweep's id. */
  delivery: string | null;
  now: Date;
  labelEvent?: { action: "labeled" | "unlabeled"; name: string; sender: string } | undefined;
  /** The issue as the trigger carried it, when known to be current (a fresh `opened`, a search result). */
  issue?: IssueFacts | undefined;
  /**
   * The issue is brand new: when the issue as read has no comments, there is no need to read them,
   * nor its timeline.
   */
  noComments?: boolean;
  config?: ResolvedConfig | undefined;
  /** The app's text about to be posted with this evaluation (a command's reply carrying a trace), read as its own comments are. */
  pendingOwnText?: string | undefined;
}

/**
 * The one way through for an incident record, shared by webhooks, commands and the sweep:
 * read facts -> decide (pure) -> apply the fewest idempotent writes. One evaluation per record at a
 * time (the store's lock: per app, or cluster-wide with a shared store); an event arriving meanwhile
 * makes the running evaluation run once more instead of waiting. Returns null when the issue is not an
 * incident record, or when a running evaluation takes this event over.
 */
export async function evaluateIncident(octokit: Octokit, r: RepoRef, number: number, trigger: IncidentTrigger, log: Logger): Promise<IncidentDecision | null> {
  const runs = await evaluateRecordOnce(
    octokit,
    recordKey(r.owner, r.repo, number),
    async (again) => (await counting(octokit, () => evaluate(octokit, r, number, again ? rerunOf(trigger) : trigger, log))).value,
    trigger.pendingOwnText !== undefined,
  );
  return lastOf(runs);
}

/**
 * The trigger of a rerun for events that arrived during a run: it reads the issue and its comments
 * afresh (the payload and "brand new" no longer hold); the label event is not known any more (a
 * removed priority's note then names no person).
 */
function rerunOf(trigger: IncidentTrigger): IncidentTrigger {
  return { delivery: trigger.delivery, now: trigger.now, config: trigger.config };
}

async function evaluate(octokit: Octokit, r: RepoRef, number: number, trigger: IncidentTrigger, log: Logger): Promise<IncidentDecision | null> {
  const issue = trigger.issue ?? (await readIssue(octokit, r, number));
  if (!isKind(issue.labels, "incident") || issue.isPullRequest) return null;
  const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
  const fresh = trigger.noComments === true && issue.commentCount === 0;
  const comments: CommentFact[] = fresh ? [] : await listComments(octokit, r, number);
  const base: IncidentFacts = {
    ...issue,
    ...r,
    labelEvent: trigger.labelEvent,
    delivery: trigger.delivery,
    configErrors: resolved.errors.map(formatConfigError),
  };
  // No priority, no clock: the timeline is read only when the SLA can depend on it.
  const needsTimeline = !fresh && classify(base, resolved.config).priority !== null;
  const read = needsTimeline ? await readHistory(octokit, r, issue, trigger.now) : { history: freshHistory(issue), calls: 0 };
  let ownText = comments.filter(isOwnComment).map((c) => c.body).concat(trigger.pendingOwnText ?? []).join("\n");
  const decide = () => decideIncident({ ...base, live: { history: read.history, ownText, org: r.owner } }, resolved.config, trigger.now);
  let decision = decide();
  if (decision.live?.reviewNeeded) {
    const marker = await ensureReview(octokit, r, issue, decision, resolved, trigger, log);
    ownText += `\n${marker}`;
    decision = decide();
  }
  await applyIssuePlan(octokit, decision.plan, comments);
  const after = issue.labels.filter((l) => !decision.plan.labels.remove.includes(l)).concat(decision.plan.labels.add);
  await remember(storeOf(octokit), recordKey(r.owner, r.repo, number), after, issue.state, resolved.config, decision.live?.sla?.nextChangeAt ?? null);
  log.info(
    {
      repo: `${r.owner}/${r.repo}`,
      issue: number,
      rule: "incident.evaluate",
      priority: decision.classification.priority,
      sla: decision.live?.sla?.state ?? null,
      calls: callsSoFar(),
    },
    "incident record evaluated",
  );
  return decision;
}
