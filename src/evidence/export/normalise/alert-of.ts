import { hasLabel } from "../../../core/labels.js";
import { parseAlertState, type AlertState } from "../../../alerts/state-marker.js";
import type { GqlIssue } from "../gql-types.js";
import { isTrustedApp, type TrustedApp } from "./common.js";

/**
 * The alert an issue is the record of, or null: only an issue the app itself opened (its author is the
 * trusted app) whose body carries the app's alert markers and whose `source:` label matches. A person
 * who labels an incident `source:dependabot` or pastes the marker makes no vulnerability record.
 */
export function alertOf(node: GqlIssue, trusted: TrustedApp): AlertState | null {
  if (node.author?.__typename !== "Bot" || !isTrustedApp(trusted, node.author.login)) return null;
  if (!node.body.includes("<!-- ims-alert ")) return null;
  const state = parseAlertState(node.body);
  if (!state || !hasLabel(node.labels.nodes.map((l) => l.name), `source:${state.source}`)) return null;
  return state;
}
