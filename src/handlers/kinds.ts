import type { Context } from "probot";
import type { IssueFacts } from "../github/issue-facts.js";
import type { RepoRef } from "../github/types.js";
import type { KindId } from "../records/kinds.js";
import type { HandlerEnv } from "./guard.js";
import { onIncidentIssue } from "./incident-issues.js";
import { onProblemIssue } from "./problem-issues.js";
import { onRiskIssue } from "./risk-issues.js";

/** An `issues` event on a record, already filtered (relevant action and label, not the app's echo). */
export interface RecordIssueEvent {
  r: RepoRef;
  /** The issue as the payload carried it. */
  issue: IssueFacts;
  /** The label added or removed, on `labeled` / `unlabeled`. */
  labelName: string | undefined;
}

export type RecordIssueHandler = (context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent) => Promise<void>;

/**
 * What an `issues` event does to a record of each kind (the kind by the registry's precedence). A new
 * kind does not compile until it says what it does here; null: nothing in `onIssues`.
 */
export const RECORD_ISSUE_HANDLERS: Record<KindId, RecordIssueHandler | null> = {
  incident: onIncidentIssue,
  problem: onProblemIssue,
  // a change record feeds the checks of the pull requests linking it: onChangeRecord sees every
  // `issues` event itself, since losing the label matters as much as carrying it
  change: null,
  // written by `ims-bot report --post`; people close it when the agreed action is done
  improvement: null,
  risk: onRiskIssue,
};
