import type { ApplicationFunctionOptions, Probot } from "probot";
import { onIssues } from "./handlers/issues.js";
import { onIssueComment } from "./handlers/comments.js";
import { onLabel } from "./handlers/label.js";
import { onPush } from "./handlers/push.js";
import { onDispatch } from "./handlers/dispatch.js";
import { startSweep, type SweepOption } from "./sweep/start.js";
import { onChangeRecord } from "./handlers/change-records.js";
import { onCheckRun } from "./handlers/check-runs.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-requests.js";
import { onMembership } from "./handlers/membership.js";
import { onGuardedLabel } from "./handlers/label-guard.js";
import { onCheckSuite, onMergeGroup } from "./handlers/merge-groups.js";
import { mountOps } from "./ops/mount.js";
import { inOrder, wireEvents, type EventTable } from "./handlers/table.js";

/** Options beyond Probot's: the clock (the simulator and tests pass their own). */
export interface ImsAppOptions {
  now?: () => Date;
  /**
   * The in-process sweep (SLA escalation over time). Default: on, except when `IMS_SWEEP=off` or
   * under a test runner; `{ intervalMs }` sets the interval; `onScheduler` receives it (to stop it).
   */
  sweep?: SweepOption;
}

/** Each event app.yml subscribes, and what handles it. */
export const EVENTS: EventTable = {
  // first: a label change that lowers a decision is put back before anything is evaluated on it
  issues: inOrder<"issues">(onGuardedLabel, onIssues, onChangeRecord),
  issue_comment: onIssueComment,
  push: onPush,
  label: (c) => onLabel(c),
  repository_dispatch: onDispatch,
  pull_request: inOrder<"pull_request">(onGuardedLabel, onPullRequest),
  pull_request_review: onPullRequestReview,
  check_run: onCheckRun,
  membership: onMembership,
  check_suite: onCheckSuite,
  merge_group: onMergeGroup,
};

/** Builds the app with options (tests, the demo); the default export is the Probot app function. */
export function createApp(options: ImsAppOptions = {}) {
  const now = options.now ?? (() => new Date());
  return (app: Probot, _opts?: ApplicationFunctionOptions): void => {
    mountOps(app, _opts);
    wireEvents(app, now, EVENTS);
    startSweep(app, { now, sweep: options.sweep });
  };
}

/** The ims-bot Probot app. */
export default createApp();
