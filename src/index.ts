import type { ApplicationFunctionOptions, Probot } from "probot";
import { guard } from "./handlers/guard.js";
import { onIssues } from "./handlers/issues.js";
import { onIssueComment } from "./handlers/comments.js";
import { onLabel } from "./handlers/label.js";
import { onPush } from "./handlers/push.js";
import { onChangeRecord } from "./handlers/change-records.js";
import { onCheckRun } from "./handlers/check-runs.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-requests.js";
import "./commands/recheck.js";

/** Options beyond Probot's: the clock (the simulator and tests pass their own). */
export interface ImsAppOptions {
  now?: () => Date;
}

/** Builds the app with options (tests, the demo); the default export is the Probot app function. */
export function createApp(options: ImsAppOptions = {}) {
  const now = options.now ?? (() => new Date());
  return (app: Probot, _opts?: ApplicationFunctionOptions): void => {
    // one guard per event: it claims the delivery id, so a second `app.on("issues")` would never run
    app.on("issues", guard(app, now, async (c, e) => {
      await onIssues(c, e);
      await onChangeRecord(c, e);
    }));
    app.on("issue_comment", guard(app, now, onIssueComment));
    app.on("push", guard(app, now, onPush));
    app.on("label", guard(app, now, async (c) => onLabel(c)));
    app.on("pull_request", guard(app, now, onPullRequest));
    app.on("pull_request_review", guard(app, now, onPullRequestReview));
    app.on("check_run", guard(app, now, onCheckRun));
  };
}

/** The ims-bot Probot app. */
export default createApp();
