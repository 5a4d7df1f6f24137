import type { ApplicationFunctionOptions, Probot } from "probot";
import type { AppEnv } from "./handlers/guard.js";
import { botIdentity } from "./github/identity.js";
import { defaultStore, type Store } from "./store/index.js";
import { onIssues } from "./handlers/issues.js";
import { onIssueComment } from "./handlers/comments.js";
import { onLabel } from "./handlers/label.js";
import { onPush } from "./handlers/push.js";
import { onDispatch } from "./handlers/dispatch.js";
import { startSweep, type SweepOption } from "./sweep/start.js";
import { onChangeRecord } from "./handlers/change-records.js";
import { onRiskAcceptanceComment } from "./handlers/risk-issues.js";
import { onCheckRun } from "./handlers/check-runs.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-requests.js";
import { onMembership } from "./handlers/membership.js";
import { onGuardedLabel } from "./handlers/label-guard.js";
import { onCheckSuite, onMergeGroup } from "./handlers/merge-groups.js";
import { mountOps } from "./ops/mount.js";
import { guardedHandlers, inOrder, wireEvents, type EventTable } from "./handlers/table.js";
import { onInstallation, onInstallationRepositories } from "./handlers/installation.js";
import { startOnboardingDrain, type OnboardingOption } from "./handlers/onboarding-drain.js";
import { startWebhookQueue } from "./handlers/queue.js";
import { onDeployment, onDeploymentProtectionRule, onDeploymentStatus } from "./handlers/deployments.js";
import { onCodeScanningAlert, onDependabotAlert, onSecretScanningAlert } from "./handlers/alerts.js";

/** Options beyond Probot's: the clock (the simulator and tests pass their own). */
export interface ImsAppOptions {
  now?: () => Date;
  /**
   * The in-process sweep (SLA escalation over time). Default: on, except when `IMS_SWEEP=off` or
   * under a test runner; `{ intervalMs }` sets the interval; `onScheduler` receives it (to stop it).
   */
  sweep?: SweepOption;
  /**
   * What the app remembers between events. Default: a fresh store per app instance (memory, or Redis
   * when `REDIS_URL` is set); two in-memory apps in one process share nothing, as two processes would.
   */
  store?: Store;
  /**
   * In Redis mode, put webhooks on the durable queue the replicas share (default: on when `REDIS_URL`
   * is set, unless `IMS_QUEUE=off`). A Lambda function handles each delivery while it answers: off.
   */
  queue?: boolean;
  /** Onboarding's pace (content requests a minute) and its drain of large installations. */
  onboarding?: OnboardingOption;
}

/** Each event app.yml subscribes, and what handles it. */
export const EVENTS: EventTable = {
  // first: a label change that lowers a decision is put back before anything is evaluated on it
  issues: inOrder<"issues">(onGuardedLabel, onIssues, onChangeRecord),
  // then: an edit or deletion of the app's acceptance comment lapses the acceptance and re-checks the pull requests linking the risk
  issue_comment: inOrder<"issue_comment">(onIssueComment, onRiskAcceptanceComment),
  push: onPush,
  label: (c) => onLabel(c),
  repository_dispatch: onDispatch,
  pull_request: inOrder<"pull_request">(onGuardedLabel, onPullRequest),
  pull_request_review: onPullRequestReview,
  check_run: onCheckRun,
  membership: onMembership,
  check_suite: onCheckSuite,
  merge_group: onMergeGroup,
  deployment_protection_rule: onDeploymentProtectionRule,
  deployment: onDeployment,
  deployment_status: onDeploymentStatus,
  dependabot_alert: onDependabotAlert,
  code_scanning_alert: onCodeScanningAlert,
  secret_scanning_alert: onSecretScanningAlert,
  installation: onInstallation(),
  installation_repositories: onInstallationRepositories(),
};

/** Builds the app with options (tests, the demo); the default export is the Probot app function. */
export function createApp(options: ImsAppOptions = {}) {
  const now = options.now ?? (() => new Date());
  return (app: Probot, _opts?: ApplicationFunctionOptions): void => {
    // per app instance, not per createApp(): the default export is one function loaded by many Probots
    const store = options.store ?? defaultStore(now, (err) => app.log.error({ err }, "the Redis store failed; calls that need it fail until it is back"));
    const env: AppEnv = { app, now, store, identity: botIdentity(app) };
    const paced = options.onboarding ? { installation: onInstallation(options.onboarding), installation_repositories: onInstallationRepositories(options.onboarding) } : {};
    const table: EventTable = { ...EVENTS, ...paced };
    // Redis mode: webhooks wait on a durable queue shared by the replicas (IMS_QUEUE=off handles them in-process)
    const redisUrl = process.env.REDIS_URL?.trim();
    if (redisUrl && !options.store && options.queue !== false && process.env.IMS_QUEUE !== "off") {
      env.queue = startWebhookQueue(app, redisUrl, guardedHandlers(env, table));
    }
    mountOps(app, _opts);
    wireEvents(env, table);
    startOnboardingDrain(app, { now, store, onboarding: options.onboarding });
    startSweep(app, { now, store, sweep: options.sweep });
  };
}

/** The ims-bot Probot app. */
export default createApp();
