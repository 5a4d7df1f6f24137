import { parseAlertState, type AlertState } from "../../../alerts/state-marker.js";
import type { SlaSubject } from "../../../alerts/remediation.js";
import type { GqlIssue } from "../gql-types.js";
import { isTrustedApp, type TrustedApp } from "./common.js";

/**
 * The alert an issue is the record of, or null: only an issue the app itself opened (its author is the
 * trusted app) whose body carries the app's alert markers. A person who labels an incident
 * `source:dependabot` or pastes the markers makes no vulnerability record, and one who takes the
 * `source:` or `alert-severity:` label off the app's record hides nothing.
 */
export function alertOf(node: GqlIssue, trusted: TrustedApp): AlertState | null {
  if (node.author?.__typename !== "Bot" || !isTrustedApp(trusted, node.author.login)) return null;
  if (!node.body.includes("<!-- ims-alert ")) return null;
  return parseAlertState(node.body);
}

/**
 * What an issue's SLA targets are read from (slaFor): an `alert-severity:` label counts only on the
 * app's own alert record, as the severity the app wrote; on any other incident a person's
 * `alert-severity:low` would trade the incident targets for a 180-day remediation target.
 */
export function slaSubjectOf(node: GqlIssue, alert: AlertState | null): SlaSubject {
  const labels = node.labels.nodes.map((l) => l.name).filter((l) => !/^alert-severity:/i.test(l));
  return { labels, alertSeverity: alert?.severity ?? null };
}
