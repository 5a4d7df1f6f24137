import type { Logger } from "probot";
import { alertKeyIn, alertMarker, alertTeam, decideAlert, parseAlertKey } from "../alerts/decide.js";
import type { AlertFacts } from "../alerts/facts.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { openGroupAlerts, readAlert } from "../github/alert-lists.js";
import { restoreAlertRecordBody } from "../github/alert-records.js";
import { isOwnComment, type CommentAuthor } from "../github/bot-identity.js";
import { postOnce } from "../github/comments.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** The edited issue as the `issues.edited` payload carries it, with the body it had before. */
export interface EditedIssue extends CommentAuthor {
  number: number;
  state: "open" | "closed";
  labels: string[];
  body: string | null;
  /** `changes.body.from`: the body before the edit. */
  before: string;
}

/** The marker of the note that an alert record's body was put back (one per delivery). */
export const bodyRestoredMarker = (delivery: string | null) => `<!-- ims-notice alert-body-restored delivery=${encodeURIComponent(delivery ?? "none")} -->`;

/**
 * A person edited the body of an alert's record (the app's own issue whose body carried the alert's
 * marker before the edit). The body is the app's account of the alert: the hidden markers that find
 * the record and give the evidence bundle its vulnerability record (severity, state, who dismissed it
 * and why), and the status line people read. A rewritten body would make the next change to the alert
 * open a second record with a fresh remediation clock, hide the vulnerability from the bundle, or say
 * "fixed" of an open alert; so it is written again from the alert as GitHub holds it now (one read of
 * the alert, or of its group's open alerts) and the editor is told to write in a comment. When the
 * alert cannot be read, the body before the edit is put back if it still carried the marker. The
 * app's own edits never get here (the guard skips them). Costs nothing for other issues; for an alert
 * record, the alert read, one issue read and the write, and the note. Returns true when put back.
 */
export async function restoreEditedAlertRecord(octokit: Octokit, r: RepoRef, issue: EditedIssue, sender: { login: string }, resolved: ResolvedConfig, delivery: string | null, log: Logger): Promise<boolean> {
  const config = resolved.config;
  if (!config.alerts.enabled || !isOwnComment(issue)) return false;
  const key = alertKeyIn(issue.before);
  const target = key ? parseAlertKey(key) : null;
  if (!key || !target) return false;
  let facts: AlertFacts | null;
  let groupOpen: number[] = [];
  if ("number" in target) facts = await readAlert(octokit, r, target.source, target.number);
  else {
    const probe = { source: "dependabot", package: target.package, severity: target.severity } as AlertFacts;
    groupOpen = (await openGroupAlerts(octokit, r, probe)) ?? [];
    facts = groupOpen.length > 0 ? await readAlert(octokit, r, "dependabot", groupOpen[0]!) : null;
  }
  const body = facts
    ? decideAlert(facts, { number: issue.number, state: issue.state, labels: issue.labels }, config, alertTeam(config, r.owner), groupOpen).body
    : issue.before.includes(alertMarker(key)) ? issue.before : null;
  if (body === null || body === issue.body) return false;
  if (!(await restoreAlertRecordBody(octokit, r, issue.number, key, body))) return false;
  await postOnce(octokit, r, issue.number, [{
    marker: bodyRestoredMarker(delivery),
    body: `@${sender.login} edited this record's description, which is ims-bot's account of the alert as GitHub holds it (its state, who dismissed it and why, and the hidden markers that find the record and give the evidence bundle its vulnerability record): it is put back. Write notes in a comment; the record changes with the alert on GitHub.`,
  }], null);
  log.info({ repo: `${r.owner}/${r.repo}`, rule: "alerts.bodyRestored", issue: issue.number, key, sender: sender.login, readBack: facts !== null }, "alert record's body edited by a person: put back");
  return true;
}
