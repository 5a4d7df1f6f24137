import type { Logger } from "probot";
import { alertKeyIn, alertTeam, decideAlert, parseAlertKey, type AlertRecordFacts } from "../alerts/decide.js";
import type { AlertFacts } from "../alerts/facts.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { openGroupAlerts, readAlert } from "../github/alert-lists.js";
import { upsertAlertRecord } from "../github/alert-records.js";
import { isBot, isOwnComment, type CommentAuthor } from "../github/bot-identity.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** The closed issue as the `issues.closed` payload carries it. */
export interface ClosedIssue extends CommentAuthor {
  number: number;
  body?: string | null;
  labels: string[];
}

/**
 * A person closed an alert's record (the app's own issue with the alert's marker): while GitHub has the
 * alert open (or its group, or dismissed without what `alerts.requireJustification` asks), the record
 * is reopened with a note saying why; it closes by itself when the alert is fixed or dismissed. Costs
 * nothing for other issues; for an alert record, one read of the alert (a grouped record: one list of
 * its package and severity, then one read), then the reopen and the note. Returns true when reopened.
 */
export async function reopenClosedAlertRecord(octokit: Octokit, r: RepoRef, issue: ClosedIssue, sender: { login: string; type?: string }, resolved: ResolvedConfig, log: Logger, now: Date, self: string | null = null): Promise<boolean> {
  const config = resolved.config;
  if (isBot(sender) || !config.alerts.enabled || !isOwnComment(issue)) return false;
  const key = alertKeyIn(issue.body);
  const target = key ? parseAlertKey(key) : null;
  if (!target) return false;
  let groupOpen: number[] = [];
  let facts: AlertFacts | null;
  if ("number" in target) facts = await readAlert(octokit, r, target.source, target.number);
  else {
    const probe = { source: "dependabot", package: target.package, severity: target.severity } as AlertFacts;
    groupOpen = (await openGroupAlerts(octokit, r, probe)) ?? [];
    facts = groupOpen.length > 0 ? await readAlert(octokit, r, "dependabot", groupOpen[0]!) : null;
  }
  if (!facts) return false;
  const team = alertTeam(config, r.owner);
  const closed: AlertRecordFacts = { number: issue.number, state: "closed", labels: issue.labels };
  const decide = (existing: AlertRecordFacts | null) => decideAlert(facts, existing, config, team, groupOpen, { closedByHand: sender.login });
  if (decide(closed).state !== "open") return false;
  const rec = await upsertAlertRecord(octokit, r, facts.source, decide, { now, creator: self });
  log.info({ repo: `${r.owner}/${r.repo}`, rule: "alerts.closedByHand", issue: rec.number, alert: facts.number, sender: sender.login }, "alert record closed by hand while its alert is open: reopened");
  return true;
}
