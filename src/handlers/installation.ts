import type { Context, Logger } from "probot";
import { countCalls } from "../github/call-counter.js";
import type { Octokit } from "../github/types.js";
import { onboardRepo } from "../flows/onboard-repo.js";
import { describeMissing, missingPermissions } from "../onboarding/permissions.js";
import { FORMS } from "../onboarding/files.js";
import { ONBOARDING_CONTENT_PER_HOUR, ONBOARDING_CONTENT_PER_MINUTE, ONBOARDING_WORK, OnboardingQueue } from "../onboarding/queue.js";
import { contentKey, contentKeyOf, isPaced } from "../github/content-pacing.js";
import { ContentLedger, type ContentShare } from "../store/content-ledger.js";
import { LABELS } from "../records/labels.js";
import type { HandlerEnv } from "./guard.js";

/** How onboarding is paced; tests pass a smaller budget. */
export interface OnboardingPace {
  /** Onboarding's share of the installation's content-creating requests a minute (GitHub's secondary limit is 80; default 60). */
  budgetPerMinute?: number;
  /** Its share of them an hour (GitHub's secondary limit is 500; default 400). */
  budgetPerHour?: number;
}

/** One replica drains an installation at a time; a replica that dies frees it this long after its last repository. */
export const ONBOARDING_LEASE_MS = 5 * 60_000;

/**
 * The most content requests one repository's onboarding can make: a label each, the branch, a file
 * each, the pull request (or its reopening), and one spare.
 */
export const ONBOARDING_WRITES_CEILING = LABELS.length + FORMS.length + 3 /* chooser, PR template, ims.yml */ + 3;

const writesOf = (octokit: Octokit) => Object.entries(countCalls(octokit).byRoute()).reduce((n, [route, count]) => (route.startsWith("GET ") ? n : n + count), 0);

/**
 * Onboards the installation's waiting repositories, one after another, while its share of the
 * installation's content ledger has room (everything the installation sent, booked and reserved in
 * the last minute and hour, whatever work sent it); the rest wait in the store for the next drain (the
 * timer, or the next event). One replica drains an installation at a time (a lease in the store); a
 * repository leaves the queue only once handled, so a restart redoes at most one, and redoing it is
 * idempotent (the onboarding branch and its pull request are found on GitHub).
 */
export async function drainOnboarding(octokit: Octokit, installation: number, env: { now: () => Date; store: HandlerEnv["store"]; missing?: ReturnType<typeof missingPermissions> }, log: Logger, pace: OnboardingPace = {}): Promise<number> {
  const queue = new OnboardingQueue(env.store);
  const ledger = new ContentLedger(env.store);
  const key = contentKeyOf(octokit, contentKey(installation));
  const share: ContentShare = { perMinute: pace.budgetPerMinute ?? ONBOARDING_CONTENT_PER_MINUTE, perHour: pace.budgetPerHour ?? ONBOARDING_CONTENT_PER_HOUR };
  // a ceiling above the share would stop onboarding for good: then the costliest repository seen decides
  const ceiling = ONBOARDING_WRITES_CEILING <= share.perMinute ? ONBOARDING_WRITES_CEILING : 0;
  const lease = await env.store.lease(`onboarding-drain:${installation}`, ONBOARDING_LEASE_MS);
  if (!lease) return 0; // another replica drains this installation now
  let handled = 0;
  try {
    for (;;) {
      const next = await queue.peek(installation);
      if (!next) break;
      const ticket = await ledger.take(key, env.now().getTime(), ONBOARDING_WORK, ceiling, share);
      if (!ticket) {
        const at = await ledger.nextRoom(key, env.now().getTime(), ONBOARDING_WORK, ceiling, share);
        log.info({ installation, next, resumesAt: at === null ? null : new Date(at).toISOString() }, "onboarding paused: its share of GitHub's content-creation limits (80 a minute, 500 an hour) has no room now");
        break;
      }
      if (!(await lease.renew(ONBOARDING_LEASE_MS))) {
        await ledger.settle(key, ticket, 0, env.now().getTime());
        break; // lost: another replica goes on
      }
      const [owner = "", repo = ""] = next.split("/");
      const before = writesOf(octokit);
      try {
        await onboardRepo(octokit, { owner, repo }, { requested: false, now: env.now(), ...(env.missing ? { missing: env.missing } : {}) }, log);
      } catch (error) {
        // one repository failing (deleted meanwhile, GitHub down) must not stop the others; it is not retried
        log.error({ err: error, repo: next }, "onboarding a repository failed; `/ims setup` there tries again");
      }
      await ledger.settle(key, ticket, writesOf(octokit) - before, env.now().getTime(), isPaced(octokit));
      await queue.done(installation, next);
      handled++;
    }
  } finally {
    await lease.release();
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
