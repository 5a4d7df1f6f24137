import type { Logger } from "probot";
import { alertKey, decideAlert } from "../alerts/decide.js";
import { ALERT_SOURCES } from "../alerts/facts.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { listOpenAlerts } from "../github/alert-lists.js";
import { recordedAlertKeys, upsertAlertRecord } from "../github/alert-records.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** What the alert sweep did: records opened, and the sources it could not read (permission missing or feature off). */
export interface AlertSweep {
  opened: number;
  unreadable: string[];
}

/**
 * Picks up open alerts that have no record yet (a delivery missed, or a burst beyond one delivery's
 * bound): lists each source's open alerts (REST), and opens at most `alerts.perDelivery` records a
 * sweep, so a burst is spread over sweeps and stays within GitHub's content-creation limits.
 */
export async function sweepAlerts(octokit: Octokit, r: RepoRef, resolved: ResolvedConfig, now: Date, id: string, log: Logger): Promise<AlertSweep> {
  const config = resolved.config;
  const out: AlertSweep = { opened: 0, unreadable: [] };
  if (!config.alerts.enabled) return out;
  const team = config.security.team.includes("/") ? config.security.team : `${r.owner}/${config.security.team}`;
  let budget = config.alerts.perDelivery;
  for (const source of ALERT_SOURCES) {
    if (budget <= 0) break;
    const open = await listOpenAlerts(octokit, r, source, 100);
    if (open === null) {
      out.unreadable.push(source);
      continue;
    }
    if (open.length === 0) continue;
    const have = await recordedAlertKeys(octokit, r, source);
    for (const a of open) {
      if (budget <= 0) break;
      if (have.has(alertKey(a, config))) continue;
      const rec = await upsertAlertRecord(octokit, r, source, (existing) => decideAlert(a, existing, config, team));
      have.add(alertKey(a, config));
      await evaluateIncident(octokit, r, rec.number, { delivery: id, now, config: resolved }, log);
      out.opened += 1;
      budget -= 1;
    }
  }
  return out;
}
