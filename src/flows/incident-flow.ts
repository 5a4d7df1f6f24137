import type { Logger } from "probot";
import { formatConfigError } from "../config/errors.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { readIssue } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { IncidentDecision } from "../records/incident.js";
import { decideIncident } from "../records/incident.js";

/** What triggered an evaluation of an incident record. */
export interface IncidentTrigger {
  delivery: string | null;
  now: Date;
  labelEvent?: { action: "labeled" | "unlabeled"; name: string; sender: string } | undefined;
  /** The issue as the trigger carried it, when known to be current (a fresh `opened`). */
  issue?: IssueFacts | undefined;
  /** The issue is brand new and has no comments: no need to read them. */
  noComments?: boolean;
  config?: ResolvedConfig | undefined;
}

/**
 * The one way through for an incident record, shared by webhooks, commands and the sweep:
 * read facts -> decide (pure) -> apply the fewest idempotent writes. Returns null when the
 * issue is not an open incident record.
 */
export async function evaluateIncident(octokit: Octokit, r: RepoRef, number: number, trigger: IncidentTrigger, log: Logger): Promise<IncidentDecision | null> {
  const issue = trigger.issue ?? (await readIssue(octokit, r, number));
  if (!issue.labels.includes("ims:incident") || issue.isPullRequest) return null;
  const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
  const decision = decideIncident(
    {
      ...issue,
      ...r,
      labelEvent: trigger.labelEvent,
      delivery: trigger.delivery,
      configErrors: resolved.errors.map(formatConfigError),
    },
    resolved.config,
    trigger.now,
  );
  const result = await applyIssuePlan(octokit, decision.plan, trigger.noComments ? "none" : undefined);
  log.info(
    { repo: `${r.owner}/${r.repo}`, issue: number, rule: "incident.classify", priority: decision.classification.priority, calls: result.calls },
    "incident record evaluated",
  );
  return decision;
}
