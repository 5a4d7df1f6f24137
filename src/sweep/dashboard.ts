import type { Logger } from "probot";
import type { AlertSource } from "../alerts/facts.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { DASHBOARD_MAX_AGE_MS, isCurrent, recallDashboard, rememberDashboard } from "../dashboard/memo.js";
import { renderBody, renderContent } from "../dashboard/render.js";
import { dashboardView } from "../dashboard/sections.js";
import { readDashboardFacts } from "../github/dashboard-facts.js";
import { closeDashboard, writeDashboard, type DashboardWrite } from "../github/dashboard-issue.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Store } from "../store/index.js";

export interface DashboardStepOptions {
  now: Date;
  store: Store;
  log: Logger;
  /** This sweep changed records of the repository itself (its own writes send no event the app handles). */
  changed: boolean;
  /** Permissions the installation has not accepted, when known. */
  missingPermissions?: string[];
  /** Alert sources the last alert listing could not read (undefined: not listed yet). */
  alertsUnreadable?: AlertSource[];
  /** Awaited before a search (looking for a closed dashboard): the sweep's search pacer. */
  pace?: () => Promise<void>;
  /** The app's own login, to find a closed dashboard among its own issues; null: by a search. */
  self?: string | null;
}

/** "current": the store says nothing changed since the last look, so no call was made. */
export type DashboardOutcome = DashboardWrite["action"] | "current" | "failed";

/**
 * The sweep's step for the repository dashboard: unless the store says it is current (no event on the
 * repository since the last look, and no review fell due), reads the facts, renders, and writes only
 * when the content hash changed. `dashboard: false` closes an open one. A failure is logged and left
 * for the next tick: the dashboard never fails the sweep.
 */
export async function refreshDashboard(octokit: Octokit, r: RepoRef, config: () => Promise<ResolvedConfig>, opts: DashboardStepOptions): Promise<DashboardOutcome> {
  const repo = `${r.owner}/${r.repo}`;
  try {
    const memo = await recallDashboard(opts.store, repo);
    if (!opts.changed && isCurrent(memo, opts.now)) return "current";
    const resolved = await config();
    const { facts, open } = await readDashboardFacts(octokit, r, resolved, opts.missingPermissions);
    facts.alerts = { enabled: resolved.config.alerts.enabled, unreadable: resolved.config.alerts.enabled ? (opts.alertsUnreadable ?? []) : [] };
    const maxAge = opts.now.getTime() + DASHBOARD_MAX_AGE_MS;
    if (!resolved.config.dashboard) {
      const closed = await closeDashboard(octokit, r, open);
      await rememberDashboard(opts.store, repo, { number: memo?.number ?? null, hash: "off", until: maxAge });
      return closed.action;
    }
    const view = dashboardView(facts, resolved.config, opts.now);
    const want = renderBody(renderContent(view));
    const wrote = await writeDashboard(octokit, r, want, { open, remembered: memo?.number ?? null, creator: opts.self ?? null, ...(opts.pace ? { pace: opts.pace } : {}) });
    await rememberDashboard(opts.store, repo, { number: wrote.number, hash: want.hash, until: Math.min(maxAge, view.nextChange?.getTime() ?? maxAge) });
    if (wrote.action !== "unchanged") opts.log.info({ repo, issue: wrote.number, action: wrote.action }, "repository dashboard written");
    return wrote.action;
  } catch (error) {
    opts.log.error({ err: error, repo }, "updating the repository dashboard failed; the next sweep tries again");
    return "failed";
  }
}
