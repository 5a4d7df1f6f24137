import type { Logger } from "probot";
import { SEARCH_RESULTS_MAX, searchIssuePages } from "../github/search-pages.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { escalateOverdueReviews } from "./overdue-reviews.js";
import { recheckOnFreezeChange } from "./freezes.js";
import { issueFacts } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { recordKey } from "../flows/lock.js";
import { recaller } from "./memo.js";
import type { Store } from "../store/index.js";
import { AREAS } from "../store/areas.js";
import { mapPool } from "./pool.js";
import { mayBeDue } from "./select.js";
import { kindLabel } from "../records/kinds.js";
import { refreshDashboard, type DashboardOutcome } from "./dashboard.js";

/** Named limit: GitHub's search returns at most 1,000 results per query. */
export const SEARCH_MAX_RESULTS = SEARCH_RESULTS_MAX;

/** What one sweep of a repository did. */
export interface SweepStats {
  repo: string;
  records: number;
  searchPages: number;
  candidates: number;
  evaluated: number;
  /** Why records were skipped, counted by reason. */
  skipped: Record<string, number>;
  /** Post-implementation review records escalated as overdue by this sweep. */
  overdueReviews: number[];
  /** Open pull requests evaluated again because a change freeze started or ended. */
  freezeRechecked?: number[];
  /** What the repository dashboard step did (src/sweep/dashboard.ts). */
  dashboard?: DashboardOutcome;
}

/** When each repository was last swept, in the store (scheduled sweeps honour each repository's interval). */
const lastSwept = (store: Store) => store.area<number>("lastSwept", AREAS.lastSwept);

export interface SweepOptions {
  now: Date;
  /** The sweep's id, written as the `delivery` of every trace it leaves. */
  id: string;
  log: Logger;
  /** Scheduled sweeps honour `escalation.sweep.enabled: false`; a dispatched sweep always runs. */
  scheduled?: boolean;
  /** The app's store: last sweep times, the sweep memo, the last look at change freezes. */
  store: Store;
}

/**
 * Sweeps the open incident records of one repository: one search page per 100 records, then only the
 * records that can have something due are read and evaluated (bounded concurrency from config), each
 * through the same incident flow as webhooks, so only what changes is written. Then the open
 * post-implementation reviews of emergency changes past their due date are escalated (issue 4).
 */
export async function sweepRepo(octokit: Octokit, r: RepoRef, opts: SweepOptions): Promise<SweepStats> {
  // One (conditional, rate-limit free) config read serves every step of the sweep that needs it.
  let configRead: Promise<ResolvedConfig> | null = null;
  const repoConfig = () => (configRead ??= loadConfig(octokit, r.owner, r.repo));
  const stats = await sweepRecords(octokit, r, opts, repoConfig);
  // Per repository, after the records: the dashboard shows what the steps above left.
  const changed = stats.evaluated > 0 || stats.overdueReviews.length > 0 || (stats.freezeRechecked?.length ?? 0) > 0;
  stats.dashboard = await refreshDashboard(octokit, r, repoConfig, { now: opts.now, store: opts.store, log: opts.log, changed });
  return stats;
}

async function sweepRecords(octokit: Octokit, r: RepoRef, opts: SweepOptions, repoConfig: () => Promise<ResolvedConfig>): Promise<SweepStats> {
  const key = `${r.owner}/${r.repo}`.toLowerCase();
  if (opts.scheduled) {
    // The repository's own cadence (`escalation.sweep.intervalMinutes`), on the scheduler's tick. The
    // config read is conditional (a 304 is free); a dispatched sweep always runs.
    const resolved = await repoConfig();
    const { config } = resolved;
    // `escalation.sweep` is about incidents; change freezes are change control and hold regardless
    // (the check is free unless the windows in force changed), on every tick
    const freezes = () => recheckOnFreezeChange(octokit, r, resolved, opts.now, opts.id, opts.log, opts.store);
    if (!config.escalation.sweep.enabled) {
      return { repo: key, records: 0, searchPages: 0, candidates: 0, evaluated: 0, skipped: { "escalation.sweep.enabled is false": 1 }, overdueReviews: [], freezeRechecked: await freezes() };
    }
    const last = await lastSwept(opts.store).get(key);
    const interval = config.escalation.sweep.intervalMinutes * 60_000;
    // A tick may fire a little early: a minute of slack keeps a 5-minute cadence on a 5-minute tick.
    if (last !== undefined && opts.now.getTime() - last < interval - 60_000) {
      return { repo: key, records: 0, searchPages: 0, candidates: 0, evaluated: 0, skipped: { "not due by escalation.sweep.intervalMinutes": 1 }, overdueReviews: [], freezeRechecked: await freezes() };
    }
  }
  await lastSwept(opts.store).set(key, opts.now.getTime());
  const stats = await sweepIncidents(octokit, r, opts);
  // Time passes without webhooks for review records too; their list is read conditionally (a 304 is free).
  const { escalated } = await escalateOverdueReviews(octokit, r, async () => {
    const { config } = await repoConfig();
    return opts.scheduled && !config.escalation.sweep.enabled ? null : config;
  }, opts.now);
  stats.overdueReviews = escalated;
  // A change freeze starts or ends without a webhook either: re-evaluate open pull requests then.
  stats.freezeRechecked = await recheckOnFreezeChange(octokit, r, await repoConfig(), opts.now, opts.id, opts.log, opts.store);
  return stats;
}

async function sweepIncidents(octokit: Octokit, r: RepoRef, opts: SweepOptions): Promise<SweepStats> {
  const stats: SweepStats = { repo: `${r.owner}/${r.repo}`, records: 0, searchPages: 0, candidates: 0, evaluated: 0, skipped: {}, overdueReviews: [] };
  const q = `repo:${r.owner}/${r.repo} is:issue is:open label:"${kindLabel("incident")}"`;
  let resolved: ResolvedConfig | null = null;
  const candidates: number[] = [];
  let recall: ReturnType<typeof recaller> | null = null;
  for await (const page of searchIssuePages(octokit, q)) {
    stats.searchPages++;
    const items = page.items as unknown as Array<Parameters<typeof issueFacts>[0]>;
    if (stats.searchPages === 1 && page.totalCount > SEARCH_MAX_RESULTS) {
      opts.log.warn({ repo: stats.repo, total: page.totalCount }, "more open incidents than one search can return (1,000): the oldest beyond it are swept by webhooks only");
    }
    if (items.length === 0) continue;
    resolved ??= await loadConfig(octokit, r.owner, r.repo);
    if (opts.scheduled && !resolved.config.escalation.sweep.enabled) return stats;
    recall ??= recaller(opts.store, resolved.config);
    for (const item of items) {
      const f = issueFacts(item);
      stats.records++;
      const verdict = mayBeDue(f, resolved.config, opts.now, await recall(recordKey(r.owner, r.repo, f.number), f.labels, f.state));
      if (verdict.due) candidates.push(f.number);
      else stats.skipped[verdict.reason.replace(/ before .*/, "")] = (stats.skipped[verdict.reason.replace(/ before .*/, "")] ?? 0) + 1;
    }
  }
  stats.candidates = candidates.length;
  if (!resolved || candidates.length === 0) return stats;
  const config = resolved;
  await mapPool(candidates, config.config.escalation.sweep.concurrency, async (n) => {
    try {
      await evaluateIncident(octokit, r, n, { delivery: opts.id, now: opts.now, config }, opts.log);
      stats.evaluated++;
    } catch (error) {
      // One record failing must not stop the sweep of the others; the next sweep tries it again.
      opts.log.error({ err: error, repo: stats.repo, issue: n, sweep: opts.id }, "sweeping an incident record failed; the next sweep retries it");
    }
  });
  return stats;
}
