import type { ApplicationFunctionOptions, Probot } from "probot";
import { guard, type AppEnv } from "./handlers/guard.js";
import { botIdentity } from "./github/identity.js";
import { defaultStore, type Store } from "./store/index.js";
import { onIssues } from "./handlers/issues.js";
import { onIssueComment } from "./handlers/comments.js";
import { onLabel } from "./handlers/label.js";
import { onPush } from "./handlers/push.js";
import { onDispatch } from "./handlers/dispatch.js";
import { SweepScheduler } from "./sweep/scheduler.js";
import "./commands/index.js";
import { onChangeRecord } from "./handlers/change-records.js";
import { onCheckRun } from "./handlers/check-runs.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-requests.js";
import { onMembership } from "./handlers/membership.js";
import { onGuardedLabel } from "./handlers/label-guard.js";
import { onCheckSuite, onMergeGroup } from "./handlers/merge-groups.js";
import "./commands/recheck.js";

/** Options beyond Probot's: the clock (the simulator and tests pass their own). */
export interface ImsAppOptions {
  now?: () => Date;
  /**
   * The in-process sweep (SLA escalation over time). Default: on, except when `IMS_SWEEP=off` or
   * under a test runner; `{ intervalMs }` sets the interval; `onScheduler` receives it (to stop it).
   */
  sweep?: boolean | { intervalMs?: number; onScheduler?: (s: SweepScheduler) => void };
  /**
   * What the app remembers between events. Default: a fresh in-memory store per app instance (two
   * apps in one process share nothing, as two processes would); see src/store/index.ts.
   */
  store?: Store;
}

/** Builds the app with options (tests, the demo); the default export is the Probot app function. */
export function createApp(options: ImsAppOptions = {}) {
  const now = options.now ?? (() => new Date());
  return (app: Probot, _opts?: ApplicationFunctionOptions): void => {
    // per app instance, not per createApp(): the default export is one function loaded by many Probots
    const env: AppEnv = { app, now, store: options.store ?? defaultStore(now), identity: botIdentity(app) };
    // one guard per event: it claims the delivery id, so a second `app.on("issues")` would never run
    app.on("issues", guard(env, async (c, e) => {
      // first: a label change that lowers a decision is put back before anything is evaluated on it
      await onGuardedLabel(c, e);
      await onIssues(c, e);
      await onChangeRecord(c, e);
    }));
    app.on("issue_comment", guard(env, onIssueComment));
    app.on("push", guard(env, onPush));
    app.on("label", guard(env, async (c) => onLabel(c)));
    app.on("repository_dispatch", guard(env, onDispatch));
    const sweep = options.sweep ?? (process.env.IMS_SWEEP !== "off" && !process.env.VITEST);
    if (sweep && process.env.IMS_SWEEP !== "off") {
      const s = new SweepScheduler(app, { now, store: env.store, ...(typeof sweep === "object" && sweep.intervalMs ? { intervalMs: sweep.intervalMs } : {}) }).start();
      if (typeof sweep === "object") sweep.onScheduler?.(s);
    }
    app.on("pull_request", guard(env, async (c, e) => {
      await onGuardedLabel(c, e);
      await onPullRequest(c, e);
    }));
    app.on("pull_request_review", guard(env, onPullRequestReview));
    app.on("check_run", guard(env, onCheckRun));
    app.on("membership", guard(env, onMembership));
    app.on("check_suite", guard(env, onCheckSuite));
    app.on("merge_group", guard(env, onMergeGroup));
  };
}

/** The ims-bot Probot app. */
export default createApp();
