import type { ApplicationFunctionOptions, Probot } from "probot";
import { guard } from "./handlers/guard.js";
import { onIssues } from "./handlers/issues.js";
import { onIssueComment } from "./handlers/comments.js";
import { onLabel } from "./handlers/label.js";
import { onPush } from "./handlers/push.js";

/** Options beyond Probot's: the clock (the simulator and tests pass their own). */
export interface ImsAppOptions {
  now?: () => Date;
}

/** Builds the app with options (tests, the demo); the default export is the Probot app function. */
export function createApp(options: ImsAppOptions = {}) {
  const now = options.now ?? (() => new Date());
  return (app: Probot, _opts?: ApplicationFunctionOptions): void => {
    app.on("issues", guard(app, now, onIssues));
    app.on("issue_comment", guard(app, now, onIssueComment));
    app.on("push", guard(app, now, onPush));
    app.on("label", guard(app, now, async (c) => onLabel(c)));
  };
}

/** The ims-bot Probot app. */
export default createApp();
