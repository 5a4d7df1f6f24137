import { evaluateRisk } from "../flows/risk-flow.js";
import { riskReviewDue } from "../risks/due.js";
import type { Logger } from "probot";
import type { ListedReviewRecord } from "../change/overdue-reviews.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { recordKey } from "../flows/lock.js";
import { issueFacts } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import { recallAlertAccess, sweepRepoAlerts, type AlertSweep } from "./alerts.js";
import type { SearchItem } from "../github/search-all.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Store } from "../store/index.js";
import { AREAS } from "../store/areas.js";
import { recheckOnFreezeChange } from "./freezes.js";
import { recaller } from "./memo.js";
import { escalateListed } from "./overdue-reviews.js";
import { mapPool } from "./pool.js";
import { mayBeDue } from "./select.js";
import { refreshDashboard, type DashboardOutcome } from "./dashboard.js";

/** What one sweep of a repository did. */
export interface SweepStats {
  repo: string;
  records: number;
  /** Search requests this repository's own search cost (0 when the installation-wide search found its records). */
  searchPages: number;
  candidates: number;
  evaluated: number;
  /** Why records were skipped, counted by reason. */
  skipped: Record<string, number>;
  /** Post-implementation review records escalated as overdue by this sweep. */
  overdueReviews: number[];
  /** Open pull requests evaluated again because a change freeze started or ended. */
  freezeRechecked?: number[];
  /** What the security-alert step did (src/sweep/alerts.ts). */
  alerts?: AlertSweep;
  /** Steps that failed on this repository (logged; the next sweep tries again; other repositories go on). */
  failed?: string[];
  /** What the repository dashboard step did (src/sweep/dashboard.ts). */
  dashboard?: DashboardOutcome;
}

export interface SweepOptions {
  /** Awaited before each search request (the 30-a-minute limit; see SearchPacer). */
  pace?: () => Promise<void>;
  /** The app's own login (`<slug>[bot]`), when known: the dashboard step finds a closed dashboard among its own issues. */
  self?: () => Promise<string | null>;
  now: Date;
  /** The sweep's id, written as the `delivery` of every trace it leaves. */
  id: string;
  log: Logger;
  /** Scheduled sweeps honour `escalation.sweep.enabled: false` and each repository's interval; a dispatched sweep always runs. */
  scheduled?: boolean;
  /** The app's store: last sweep times, the sweep memo, the last look at change freezes. */
  store: Store;
  /** Before each repository, and before a repository is marked swept: false stops the sweep (its lease was lost: another replica sweeps now). */
  mayGoOn?: () => boolean;
}

/** What the sweep found of one repository, and its config read at most once (conditionally). */
export interface RepoSweep {
  octokit: Octokit;
  r: RepoRef;
  opts: SweepOptions;
  /** Open incident records, as the search listed them. */
  incidents: readonly SearchItem[];
  /** Open post-implementation review records, as the search listed them. */
  reviews: readonly ListedReviewRecord[];
  /** Open risk records, as the search listed them. */
  risks?: readonly SearchItem[] | undefined;
  /** Whether the repository has open pull requests (only then can a change freeze need a re-evaluation). */
  openPulls: boolean;
  config(): Promise<ResolvedConfig>;
  /** Null when the incident and review steps run on this sweep, else why not (scheduled sweeps: off, or not due by the repository's interval). */
  gate(): Promise<string | null>;
  stats: SweepStats;
}

/** One thing the sweep does per repository. Task lists are data: a new per-repository concern is one more step. */
export interface RepoStep {
  name: string;
  run(s: RepoSweep): Promise<void>;
}

/** When each repository's records were last swept, in the store (scheduled sweeps honour each repository's interval). */
const lastSwept = (store: Store) => store.area<number>("lastSwept", AREAS.lastSwept);

/** The incident records that can have something due are read and evaluated, through the same flow as webhooks. */
const incidents: RepoStep = {
  name: "incidents",
  async run(s) {
    if (s.incidents.length === 0 || (await s.gate())) return;
    const resolved = await s.config();
    const { r, opts, stats } = s;
    const recall = recaller(opts.store, resolved.config);
    const candidates: number[] = [];
    for (const item of s.incidents) {
      const f = issueFacts(item);
      stats.records++;
      const verdict = mayBeDue(f, resolved.config, opts.now, await recall(recordKey(r.owner, r.repo, f.number), f.labels, f.state));
      const reason = verdict.reason.replace(/ before .*/, "");
      if (verdict.due) candidates.push(f.number);
      else stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
    }
    stats.candidates = candidates.length;
    await mapPool(candidates, resolved.config.escalation.sweep.concurrency, async (n) => {
      try {
        await evaluateIncident(s.octokit, r, n, { delivery: opts.id, now: opts.now, config: resolved }, opts.log);
        stats.evaluated++;
      } catch (error) {
        // One record failing must not stop the sweep of the others; the next sweep tries it again.
        opts.log.error({ err: error, repo: stats.repo, issue: n, sweep: opts.id }, "sweeping an incident record failed; the next sweep retries it");
      }
    });
  },
};

/** Time passes without webhooks for review records too: the open ones past their due date are escalated. */
const overdueReviews: RepoStep = {
  name: "overdue reviews",
  async run(s) {
    if (s.reviews.length === 0 || (await s.gate())) return;
    const done = await escalateListed(s.octokit, s.r, s.reviews, async () => (await s.config()).config, s.opts.now);
    s.stats.overdueReviews = done.escalated;
  },
};

/**
 * Risk reviews come due without a webhook: an open risk whose review date is near (the owner is
 * reminded) or past (escalated, once per date) is evaluated through the risk flow.
 */
const riskReviews: RepoStep = {
  name: "risk reviews",
  async run(s) {
    const risks = s.risks ?? [];
    if (risks.length === 0 || (await s.gate())) return;
    const resolved = await s.config();
    for (const item of risks) {
      const f = issueFacts(item);
      const due = riskReviewDue(f.body, f.labels, resolved.config, s.opts.now);
      if (!due) continue;
      try {
        await evaluateRisk(s.octokit, s.r, f.number, { delivery: s.opts.id, now: s.opts.now, config: resolved }, s.opts.log);
        s.stats.evaluated++;
      } catch (error) {
        s.opts.log.error({ err: error, repo: s.stats.repo, issue: f.number, sweep: s.opts.id }, "sweeping a risk record failed; the next sweep retries it");
      }
    }
  },
};

/** A change freeze starts or ends without a webhook: open pull requests are evaluated again then (change control holds whatever `escalation.sweep` says). */
const freezes: RepoStep = {
  name: "change freezes",
  async run(s) {
    if (!s.openPulls) return;
    s.stats.freezeRechecked = await recheckOnFreezeChange(s.octokit, s.r, await s.config(), s.opts.now, s.opts.id, s.opts.log, s.opts.store);
  },
};

/** The per-repository steps of every sweep, in order. Add a step here (e.g. a dashboard update) to run it on each swept repository. */
/** Last, per repository: the dashboard shows what the steps before it left. */
const dashboard: RepoStep = {
  name: "dashboard",
  async run(s) {
    const changed = (s.stats.alerts?.opened ?? 0) > 0 || s.stats.evaluated > 0 || s.stats.overdueReviews.length > 0 || (s.stats.freezeRechecked?.length ?? 0) > 0;
    const unreadable = await recallAlertAccess(s.opts.store, s.r);
    s.stats.dashboard = await refreshDashboard(s.octokit, s.r, () => s.config(), {
      now: s.opts.now,
      store: s.opts.store,
      log: s.opts.log,
      changed,
      self: (await s.opts.self?.()) ?? null,
      ...(s.opts.pace ? { pace: s.opts.pace } : {}),
      ...(unreadable ? { alertsUnreadable: unreadable } : {}),
    });
  },
};

export const REPO_STEPS: readonly RepoStep[] = [incidents, overdueReviews, riskReviews, freezes, dashboard];

/**
 * The `ims-sweep` dispatch of one repository only: open security alerts without a record get one, with
 * the repository's own lists at most once in `alerts.sweepMinutes` (the installation-wide sweep lists an
 * organisation's alerts once for all its repositories instead: src/sweep/alerts.ts).
 */
const repoAlerts: RepoStep = {
  name: "security alerts",
  async run(s) {
    const done = await sweepRepoAlerts(s.octokit, s.r, await s.config(), s.opts);
    if (done) s.stats.alerts = done;
  },
};

/** The dispatch's steps: REPO_STEPS with the repository's alert lists before the dashboard. */
export const DISPATCH_STEPS: readonly RepoStep[] = [incidents, overdueReviews, riskReviews, freezes, repoAlerts, dashboard];

/** What a sweep found of one repository. */
export interface RepoFound {
  incidents: readonly SearchItem[];
  reviews: readonly ListedReviewRecord[];
  openPulls: boolean;
  /** Open risk records, as the search listed them. */
  risks?: readonly SearchItem[];
}

/**
 * Runs the steps on one repository, each isolated: a step that fails is logged and named in the
 * stats, and neither the repository's other steps nor other repositories stop.
 */
export async function sweepFound(octokit: Octokit, r: RepoRef, found: RepoFound, opts: SweepOptions, steps: readonly RepoStep[] = REPO_STEPS): Promise<SweepStats> {
  const key = `${r.owner}/${r.repo}`.toLowerCase();
  const stats: SweepStats = { repo: `${r.owner}/${r.repo}`, records: 0, searchPages: 0, candidates: 0, evaluated: 0, skipped: {}, overdueReviews: [] };
  let configRead: Promise<ResolvedConfig> | null = null;
  let gateRead: Promise<string | null> | null = null;
  let due = false;
  const s: RepoSweep = {
    octokit,
    r,
    opts,
    ...found,
    stats,
    config: () => (configRead ??= loadConfig(octokit, r.owner, r.repo)),
    gate: () =>
      (gateRead ??= (async () => {
        let reason: string | null = null;
        if (opts.scheduled) {
          const { config } = await s.config();
          const last = await lastSwept(opts.store).get(key);
          // A tick may fire a little early: a minute of slack keeps a 5-minute cadence on a 5-minute tick.
          if (!config.escalation.sweep.enabled) reason = "escalation.sweep.enabled is false";
          else if (last !== undefined && opts.now.getTime() - last < config.escalation.sweep.intervalMinutes * 60_000 - 60_000) reason = "not due by escalation.sweep.intervalMinutes";
        }
        if (reason) stats.skipped[reason] = 1;
        else due = true;
        return reason;
      })()),
  };
  for (const step of steps) {
    try {
      await step.run(s);
    } catch (error) {
      (stats.failed ??= []).push(step.name);
      opts.log.error({ err: error, repo: stats.repo, step: step.name, sweep: opts.id }, "a sweep step failed on this repository; the other repositories go on and the next sweep tries again");
    }
  }
  // Marked once its steps ran, not when they start: a replica killed (or fenced off) mid-repository
  // leaves it due, so the next tick finishes its records instead of waiting a whole interval.
  if (due && (!opts.mayGoOn || opts.mayGoOn())) await lastSwept(opts.store).set(key, opts.now.getTime());
  return stats;
}
