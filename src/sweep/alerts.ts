import type { Logger } from "probot";
import { alertKey, alertTeam, isGrouped } from "../alerts/decide.js";
import { ALERT_SOURCES, type AlertFacts, type AlertSource } from "../alerts/facts.js";
import { recordAlert } from "../flows/alert-flow.js";
import { listOpenAlerts, listOrgOpenAlerts, openGroupAlerts, readAlert } from "../github/alert-lists.js";
import { recordedAlertKeys } from "../github/alert-records.js";
import { loadConfig } from "../github/load-config.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { AREAS } from "../store/areas.js";
import type { Store } from "../store/index.js";
import { forgetOwedAlerts, owedAlertRecords, owedRepoAlerts } from "../store/owed-alerts.js";

/** What the alert sweep did: records opened, and the sources it could not read (permission missing or feature off). */
export interface AlertSweep {
  opened: number;
  /** Records left for a later sweep: the installation's content budget (or `alerts.perDelivery`) had no room. */
  deferred: number;
  unreadable: string[];
}

/** What the alert sweep of an installation did: per repository, and the list calls it made. */
export interface AccountAlertSweep {
  /** Null: not due by `alerts.sweepMinutes` (nothing was listed). */
  skipped: string | null;
  /** "org": the organisation lists (three calls a page); "repos": each repository's lists. */
  via: "org" | "repos" | null;
  repos: Record<string, AlertSweep>;
  /** Organisation lists that could not be read (permission missing or feature off). */
  unreadable: AlertSource[];
}

export interface AlertSweepOptions {
  now: Date;
  id: string;
  log: Logger;
  store: Store;
  /** The app's own login (`<slug>[bot]`), when known: its alert records are listed as its own issues, whatever their labels. */
  self?: (() => Promise<string | null>) | undefined;
}

/** Open alerts of one repository, by source; null: that source cannot be read. */
export type ListedAlerts = Partial<Record<AlertSource, AlertFacts[] | null>>;

/** When each installation's (`org:<login>`) or repository's (`repo:<owner>/<name>`) alerts were last listed. */
const lastListed = (store: Store) => store.area<number>("alertLists", AREAS.alertLists);

/** The sources each installation (`org:<login>`) or repository (`repo:<owner>/<name>`) could not read at its last listing. */
const access = (store: Store) => store.area<AlertSource[]>("alertAccess", AREAS.alertAccess);

/** What the last listing found the app may read for this repository (its own lists, else its organisation's); undefined: never listed. */
export async function recallAlertAccess(store: Store, r: RepoRef): Promise<AlertSource[] | undefined> {
  return (await access(store).get(`repo:${r.owner}/${r.repo}`.toLowerCase())) ?? (await access(store).get(`org:${r.owner}`.toLowerCase()));
}

/** Installations (`org:<login>`) and repositories (`repo:<owner>/<name>`) with alert records deferred: listed at the next sweep. */
const owed = (store: Store) => store.area<true>("alertsDeferred", AREAS.alertsDeferred);

/**
 * True (and remembered) when the key's alerts are due to be listed by `alerts.sweepMinutes` (a minute
 * of slack for early ticks), or at once when records were deferred (a burst is drained at every tick
 * the budget allows, not once an hour).
 */
async function due(store: Store, key: string, minutes: number, now: Date): Promise<boolean> {
  const last = await lastListed(store).get(key);
  if (last !== undefined && now.getTime() - last < minutes * 60_000 - 60_000 && !(await owed(store).get(key))) return false;
  await lastListed(store).set(key, now.getTime());
  return true;
}

/**
 * Opens records for listed open alerts that have none yet (a delivery missed, or deferred in a burst),
 * and for the alerts whose record was deferred and is owed (the store's `alertsOwed`) but which are no
 * longer listed as open: each is read back (one GET) and gets its record as GitHub has it now, opened
 * and closed at once when it was fixed or dismissed meanwhile (the evidence that the vulnerability
 * existed and how it ended), or left open for the security team when dismissed without a
 * justification. At most `alerts.perDelivery` a sweep and as many as the installation's content
 * budget allows, so a burst is spread over sweeps and stays within GitHub's content-creation limits;
 * what is left is counted as deferred and owed the next sweep. Reads the records the app remembers
 * (the alert index), listing the source's records only when none are remembered, and only when that
 * source has open or owed alerts.
 */
export async function openMissingRecords(octokit: Octokit, r: RepoRef, resolved: ResolvedConfig, listed: ListedAlerts, opts: AlertSweepOptions): Promise<AlertSweep> {
  const config = resolved.config;
  const out: AlertSweep = { opened: 0, deferred: 0, unreadable: [] };
  if (!config.alerts.enabled) return out;
  const team = alertTeam(config, r.owner);
  let budget = config.alerts.perDelivery;
  const owed = await owedRepoAlerts(opts.store, r);
  const self = (await opts.self?.()) ?? null;
  for (const source of ALERT_SOURCES) {
    const listedOpen = listed[source];
    if (listedOpen === undefined) continue;
    if (listedOpen === null) {
      out.unreadable.push(source);
      continue;
    }
    const owedHere = owed[source] ?? [];
    if (listedOpen.length === 0 && owedHere.length === 0) continue;
    const have = await recordedAlertKeys(octokit, r, source, opts.now, self);
    let full = false;
    const settled: number[] = [];
    /** Opens the record of `a` unless the sweep's budget or the installation's content share is spent (then it waits for a later sweep). */
    const open = async (a: AlertFacts, groupOpen: readonly number[]): Promise<void> => {
      if (budget <= 0 || full) {
        out.deferred += 1;
        return;
      }
      const rec = await recordAlert(octokit, r, a, { delivery: opts.id, now: opts.now, config: resolved, team, groupOpen, via: "sweep", self }, opts.log);
      if (rec.deferred) {
        // the share has no room: the rest waits for the next sweep (one deferral counted, not one per alert)
        full = true;
        out.deferred += 1;
        return;
      }
      have.add(alertKey(a, config));
      out.opened += 1;
      budget -= 1;
    };
    for (const a of listedOpen) {
      if (have.has(alertKey(a, config))) {
        if (owedHere.includes(a.number)) settled.push(a.number);
        continue;
      }
      await open(a, []);
    }
    // owed alerts that are not listed open: fixed or dismissed since they were deferred (or past the listed page)
    const listedNumbers = new Set(listedOpen.map((a) => a.number));
    for (const n of owedHere) {
      if (listedNumbers.has(n)) continue;
      if (budget <= 0 || full) {
        out.deferred += 1;
        continue;
      }
      const a = await readAlert(octokit, r, source, n);
      if (!a) {
        // the source was just listed, so the alert itself is gone (GitHub answers 404): nothing to record
        opts.log.warn({ repo: `${r.owner}/${r.repo}`, rule: "alerts.owed", source, alert: n, sweep: opts.id }, "an owed alert could not be read back: it is no longer owed a record");
        settled.push(n);
        continue;
      }
      // a record of its key exists already (opened meanwhile, or its group's): its changes come by webhook
      if (have.has(alertKey(a, config))) {
        settled.push(n);
        continue;
      }
      await open(a, a.state !== "open" && isGrouped(a, config) ? ((await openGroupAlerts(octokit, r, a)) ?? []) : []);
    }
    await forgetOwedAlerts(opts.store, r, source, settled);
  }
  return out;
}

/** Keeps the key owed a sweep while records are left, else forgets it. */
async function settleOwed(store: Store, key: string, left: number): Promise<void> {
  if (left > 0) await owed(store).set(key, true);
  else await owed(store).delete(key);
}

/** One repository's open alerts, listed with its own lists (one page of 100 a source): three calls. */
async function listRepo(octokit: Octokit, r: RepoRef): Promise<ListedAlerts> {
  const listed: ListedAlerts = {};
  for (const source of ALERT_SOURCES) listed[source] = await listOpenAlerts(octokit, r, source, 100);
  return listed;
}

/**
 * One repository's alert sweep (the `ims-sweep` dispatch, and user accounts): its own three lists, at
 * most once in `alerts.sweepMinutes`. Returns null when not due or off.
 */
export async function sweepRepoAlerts(octokit: Octokit, r: RepoRef, resolved: ResolvedConfig, opts: AlertSweepOptions): Promise<AlertSweep | null> {
  if (!resolved.config.alerts.enabled) return null;
  const key = `repo:${r.owner}/${r.repo}`.toLowerCase();
  if (!(await due(opts.store, key, resolved.config.alerts.sweepMinutes, opts.now))) return null;
  const done = await openMissingRecords(octokit, r, resolved, await listRepo(octokit, r), opts);
  await access(opts.store).set(key, done.unreadable as AlertSource[]);
  await settleOwed(opts.store, key, done.deferred);
  return done;
}

/**
 * An installation's alert sweep, outside the per-repository steps, at most once in `alerts.sweepMinutes`
 * (the organisation `.github` repository's config): an organisation's open alerts with the three
 * organisation lists (a call per 100 alerts, whatever the number of repositories); a user account falls
 * back to each installed repository's lists at its own interval. Only repositories with open alerts read
 * their config and records.
 */
export async function sweepAccountAlerts(
  octokit: Octokit,
  account: { login: string; type?: string },
  repos: readonly RepoRef[],
  opts: AlertSweepOptions,
): Promise<AccountAlertSweep> {
  const out: AccountAlertSweep = { skipped: null, via: null, repos: {}, unreadable: [] };
  if (account.type !== "Organization") {
    out.via = "repos";
    for (const r of repos) {
      try {
        const done = await sweepRepoAlerts(octokit, r, await loadConfig(octokit, r.owner, r.repo), opts);
        if (done) out.repos[`${r.owner}/${r.repo}`] = done;
      } catch (error) {
        opts.log.error({ err: error, repo: `${r.owner}/${r.repo}`, sweep: opts.id }, "sweeping a repository's security alerts failed; the next sweep tries again");
      }
    }
    return out;
  }
  const orgConfig = await loadConfig(octokit, account.login, ".github");
  if (!orgConfig.config.alerts.enabled) return { ...out, skipped: "alerts.enabled is false" };
  if (!(await due(opts.store, `org:${account.login}`.toLowerCase(), orgConfig.config.alerts.sweepMinutes, opts.now))) return { ...out, skipped: "not due by alerts.sweepMinutes" };
  out.via = "org";
  const byRepo = new Map<string, { r: RepoRef; listed: ListedAlerts }>();
  for (const source of ALERT_SOURCES) {
    const list = await listOrgOpenAlerts(octokit, account.login, source);
    if (list === null) {
      out.unreadable.push(source);
      continue;
    }
    for (const { r, alert } of list) {
      const key = `${r.owner}/${r.repo}`.toLowerCase();
      const entry = byRepo.get(key) ?? { r, listed: {} };
      (entry.listed[source] ??= []).push(alert);
      byRepo.set(key, entry);
    }
  }
  await access(opts.store).set(`org:${account.login}`.toLowerCase(), out.unreadable);
  // a readable source with no open alert in a repository is an empty list there (its owed alerts are read back),
  // and a repository whose owed alerts are all fixed or dismissed has none listed at all
  const readable = ALERT_SOURCES.filter((s) => !out.unreadable.includes(s));
  for (const [key, o] of Object.entries(await owedAlertRecords(opts.store, account.login)))
    if (!byRepo.has(key)) byRepo.set(key, { r: { owner: o.owner, repo: o.repo }, listed: {} });
  for (const { listed } of byRepo.values()) for (const s of readable) listed[s] ??= [];
  const wanted = new Set(repos.map((r) => `${r.owner}/${r.repo}`.toLowerCase()));
  let left = 0;
  for (const [key, { r, listed }] of byRepo) {
    if (!wanted.has(key)) continue;
    try {
      const done = await openMissingRecords(octokit, r, await loadConfig(octokit, r.owner, r.repo), listed, opts);
      out.repos[`${r.owner}/${r.repo}`] = done;
      left += done.deferred;
    } catch (error) {
      opts.log.error({ err: error, repo: `${r.owner}/${r.repo}`, sweep: opts.id }, "sweeping a repository's security alerts failed; the next sweep tries again");
    }
  }
  await settleOwed(opts.store, `org:${account.login}`.toLowerCase(), left);
  return out;
}
