import type { Logger } from "probot";
import { decideAlert, type AlertRecordFacts } from "../alerts/decide.js";
import type { AlertFacts } from "../alerts/facts.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { upsertAlertRecord, type AlertRecordOutcome } from "../github/alert-records.js";
import { counting } from "../github/call-counter.js";
import { storeOf } from "../github/store-of.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { metrics } from "../ops/metrics.js";
import { ALERT_CONTENT_PER_HOUR, ALERT_CONTENT_PER_MINUTE, AREAS } from "../store/areas.js";
import { ContentLedger, type ContentTicket } from "../store/content-ledger.js";
import { contentKeyOf, isPaced } from "../github/content-pacing.js";
import type { Store } from "../store/index.js";
import { forgetOwedAlerts, oweAlertRecord } from "../store/owed-alerts.js";
import { evaluateIncident } from "./incident-flow.js";

/**
 * What opening one alert record costs in content-creating requests (the issue, its priority labels,
 * the card, the team's mention; measured 4 to 5): the least a reservation is, before the budget has
 * seen a costlier one.
 */
export const ALERT_RECORD_COST = 5;

/** The kind of deferrable work opening alert records is in the installation's content ledger. */
export const ALERT_WORK = "alert-records";
/** The installation's content-ledger key: its installation's, or the account's for a client the app did not make (an app has one installation per account). */
export const budgetKey = (octokit: Octokit, owner: string) => contentKeyOf(octokit, `account:${owner}`.toLowerCase());

/**
 * Marks the account's and the repository's alerts as owed a sweep (a record was deferred): the next
 * sweep lists them whatever `alerts.sweepMinutes` says, and the alert itself is remembered, so that
 * its record is opened (and closed) even when it is fixed or dismissed before the sweep gets to it.
 */
async function owe(store: Store, r: RepoRef, facts: AlertFacts): Promise<void> {
  await oweAlertRecord(store, r, facts.source, facts.number);
  const area = store.area<true>("alertsDeferred", AREAS.alertsDeferred);
  await area.set(`org:${r.owner}`.toLowerCase(), true);
  await area.set(`repo:${r.owner}/${r.repo}`.toLowerCase(), true);
}

export interface AlertRecordTrigger {
  delivery: string | null;
  now: Date;
  config: ResolvedConfig;
  /** The security team (`owner/slug`), mentioned by the record. */
  team: string;
  /** The other open alerts of a grouped alert's package and severity. */
  groupOpen?: readonly number[];
  /** "webhook" or "sweep": said in the log and the deferred metric. */
  via: "webhook" | "sweep";
  /** The app's own login (`<slug>[bot]`), when known: records are listed as its own issues, whatever labels a person took off. */
  self?: string | null;
  /** The alert read back from GitHub, asked before a closed record is reopened on facts that may be stale (a payload); null: unreadable. */
  readBack?: () => Promise<{ facts: AlertFacts; groupOpen: readonly number[] } | null>;
}

/**
 * One alert's record: found (or opened) and brought in line, then evaluated as any incident. Opening
 * a record is paced by its share of the installation's content ledger (`ALERT_CONTENT_PER_MINUTE` /
 * `_PER_HOUR` of GitHub's 80 and 500, against everything the installation sent, booked and
 * reserved): with no room the record is deferred (nothing written, counted in
 * `ims_alert_records_deferred_total`) and the sweep opens it when there is. Changes to an existing
 * record are never deferred (their requests are booked by the installation's client as any).
 */
export async function recordAlert(octokit: Octokit, r: RepoRef, facts: AlertFacts, trigger: AlertRecordTrigger, log: Logger): Promise<AlertRecordOutcome> {
  const store = storeOf(octokit);
  const ledger = new ContentLedger(store);
  const key = budgetKey(octokit, r.owner);
  const share = { perMinute: ALERT_CONTENT_PER_MINUTE, perHour: ALERT_CONTENT_PER_HOUR };
  let ticket: ContentTicket | null = null;
  // this alert's own writes (counted in its async scope: a sweep's other work on the same Octokit is not added in)
  const { value: rec, writes } = await counting(octokit, async () => {
    const done = await upsertAlertRecord(octokit, r, facts.source, (existing) => decideAlert(facts, existing, trigger.config.config, trigger.team, trigger.groupOpen ?? []), {
      now: trigger.now,
      creator: trigger.self ?? null,
      mayOpen: async () => (ticket = await ledger.take(key, trigger.now.getTime(), ALERT_WORK, ALERT_RECORD_COST, share)) !== null,
      ...(trigger.readBack ? { confirmReopen: async () => {
        const now = await trigger.readBack!();
        return now ? (existing: AlertRecordFacts | null) => decideAlert(now.facts, existing, trigger.config.config, trigger.team, now.groupOpen) : null;
      } } : {}),
    });
    if (!done.deferred) await evaluateIncident(octokit, r, done.number, { delivery: trigger.delivery, now: trigger.now, config: trigger.config, noComments: done.created }, log);
    return done;
  });
  if (rec.deferred) {
    metrics.alertRecordsDeferred.inc({ via: trigger.via });
    await owe(store, r, facts);
    log.info({ repo: `${r.owner}/${r.repo}`, rule: "alerts.deferred", source: facts.source, alert: facts.number, via: trigger.via }, "security alert's record deferred to the sweep: the installation's content budget has no room now");
    return rec;
  }
  const booked = isPaced(octokit);
  if (ticket) await ledger.settle(key, ticket, writes, trigger.now.getTime(), booked);
  else if (!booked) await ledger.count(key, trigger.now.getTime(), writes);
  // the alert has its record now: nothing is owed for it any more
  await forgetOwedAlerts(store, r, facts.source, [facts.number]);
  return rec;
}
