import type { Context, Logger } from "probot";
import { countCalls } from "../github/call-counter.js";
import type { Octokit } from "../github/types.js";
import { onboardRepo } from "../flows/onboard-repo.js";
import { describeMissing, missingPermissions } from "../onboarding/permissions.js";
import { CONTENT_REQUESTS_PER_MINUTE, OnboardingQueue } from "../onboarding/queue.js";
import type { HandlerEnv } from "./guard.js";

/** How onboarding is paced; tests pass a smaller budget. */
export interface OnboardingPace {
  /** Content-creating requests per installation and minute (GitHub's secondary limit is about 80). */
  budgetPerMinute?: number;
}

const writesOf = (octokit: Octokit) => Object.entries(countCalls(octokit).byRoute()).reduce((n, [route, count]) => (route.startsWith("GET ") ? n : n + count), 0);

/**
 * Onboards the installation's waiting repositories, one after another, while the minute's budget of
 * content-creating requests lasts; the rest wait in the store for the next drain (the timer, or the
 * next event). A repository leaves the queue only once handled, so a restart redoes at most one.
 */
export async function drainOnboarding(octokit: Octokit, installation: number, env: { now: () => Date; store: HandlerEnv["store"]; missing?: ReturnType<typeof missingPermissions> }, log: Logger, pace: OnboardingPace = {}): Promise<number> {
  const queue = new OnboardingQueue(env.store);
  const budget = pace.budgetPerMinute ?? CONTENT_REQUESTS_PER_MINUTE;
  let handled = 0;
  for (;;) {
    const next = await queue.peek(installation);
    if (!next || !(await queue.mayStart(installation, env.now().getTime(), budget))) break;
    const [owner = "", repo = ""] = next.split("/");
    const before = writesOf(octokit);
    try {
      await onboardRepo(octokit, { owner, repo }, { requested: false, now: env.now(), ...(env.missing ? { missing: env.missing } : {}) }, log);
    } catch (error) {
      // one repository failing (deleted meanwhile, GitHub down) must not stop the others; it is not retried
      log.error({ err: error, repo: next }, "onboarding a repository failed; `/ims setup` there tries again");
    }
    await queue.charge(installation, env.now().getTime(), writesOf(octokit) - before);
    await queue.done(installation, next);
    handled++;
  }
  return handled;
}

type Installation = { id: number; permissions?: Record<string, string | undefined> };

async function onboardRepos(context: Context, env: HandlerEnv, installation: Installation, repos: ReadonlyArray<{ full_name: string }>, pace: OnboardingPace): Promise<void> {
  const missing = missingPermissions(installation.permissions);
  // the dashboard (task D) reads missingPermissions() too; the log says it at once
  if (missing.length > 0) context.log.warn({ installation: installation.id, missing }, describeMissing(missing));
  const queue = new OnboardingQueue(env.store);
  const waiting = await queue.enqueue(installation.id, repos.map((r) => r.full_name));
  const handled = await drainOnboarding(context.octokit, installation.id, { now: env.now, store: env.store, missing }, context.log, pace);
  context.log.info({ installation: installation.id, queued: repos.length, handled, waiting: waiting - handled }, "onboarding: repositories queued");
}

/** `installation.created` (and new permissions accepted: what was skipped for them is offered now). */
export function onInstallation(pace: OnboardingPace = {}) {
  return async (context: Context<"installation">, env: HandlerEnv): Promise<void> => {
    const p = context.payload;
    if (p.action !== "created" && p.action !== "new_permissions_accepted") return;
    await onboardRepos(context as unknown as Context, env, p.installation as Installation, p.repositories ?? [], pace);
  };
}

/** `installation_repositories.added`: repositories an owner adds to an installation on selected repositories. */
export function onInstallationRepositories(pace: OnboardingPace = {}) {
  return async (context: Context<"installation_repositories">, env: HandlerEnv): Promise<void> => {
    const p = context.payload;
    if (p.action !== "added") return;
    await onboardRepos(context as unknown as Context, env, p.installation as Installation, p.repositories_added, pace);
  };
}
