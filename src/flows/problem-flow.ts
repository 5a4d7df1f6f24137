import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { isOwnComment } from "../github/bot-identity.js";
import { listComments } from "../github/comments.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { readIssueWithReason } from "../github/issue-read.js";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { decideProblem, type ProblemDecision } from "../problems/decide.js";
import { evaluateRecordOnce, lastOf, recordKey } from "./lock.js";
import { isKind } from "../records/kinds.js";

/** What triggered an evaluation of a problem record. */
export interface ProblemTrigger {
  delivery: string | null;
  now: Date;
  /** The issue and its close reason as the trigger carried them, when current. */
  issue?: { facts: IssueFacts; stateReason: string | null } | undefined;
  config?: ResolvedConfig | undefined;
}

/** The one way through for a problem record: read -> decideProblem (pure) -> apply. Null when not a problem, or when a running evaluation takes this event over (it evaluates again). */
export async function evaluateProblem(octokit: Octokit, r: RepoRef, number: number, trigger: ProblemTrigger, log: Logger): Promise<ProblemDecision | null> {
  return lastOf(await evaluateRecordOnce(octokit, recordKey(r.owner, r.repo, number), async (again) => {
    const issue = (again ? undefined : trigger.issue) ?? (await readIssueWithReason(octokit, r, number));
    const f = issue.facts;
    if (!isKind(f.labels, "problem") || f.isPullRequest) return null;
    const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
    const comments = await listComments(octokit, r, number);
    const ownText = comments.filter(isOwnComment).map((c) => c.body).join("\n");
    const decision = decideProblem(
      { ...r, number, title: f.title, body: f.body, labels: f.labels, state: f.state, stateReason: issue.stateReason, closedAt: f.closedAt, ownText, delivery: trigger.delivery },
      resolved.config,
      trigger.now,
    );
    const result = await applyIssuePlan(octokit, decision.plan, comments);
    log.info({ repo: `${r.owner}/${r.repo}`, issue: number, rule: "problem.evaluate", knownError: decision.knownError, reopen: decision.reopen, calls: result.calls, again }, "problem record evaluated");
    return decision;
  }));
}
