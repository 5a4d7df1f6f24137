import type { AlertSource } from "../alerts/facts.js";
import { ALERT_SOURCES } from "../alerts/facts.js";
import { AREAS } from "./areas.js";
import type { Store } from "./store.js";

/** One repository's owed alerts: the alert numbers, by source, whose record was deferred and not opened yet. */
export interface OwedRepo {
  owner: string;
  repo: string;
  alerts: Partial<Record<AlertSource, number[]>>;
}

/**
 * The alerts of one account (installation) whose record the content budget deferred: the sweep owes
 * each a record, whatever the alert became meanwhile. A fixed or dismissed alert is no longer in
 * GitHub's open lists, so this memory, not a listing, is what keeps its record (the evidence that the
 * vulnerability existed and how it ended) from being lost. One value per account (the budget's unit),
 * changed under the store's lock; kept `alertsOwed` long, renewed by every change.
 */
interface Owed {
  repos: Record<string, OwedRepo>;
}

const area = (store: Store) => store.area<Owed>("alertsOwed", AREAS.alertsOwed);
const accountKey = (owner: string) => `account:${owner}`.toLowerCase();
const repoKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase();

/** The stored value read defensively: anything not of the expected shape counts as nothing owed for that part. */
function read(v: unknown): Owed {
  const repos: Record<string, OwedRepo> = {};
  const raw = typeof v === "object" && v !== null ? (v as { repos?: unknown }).repos : undefined;
  if (typeof raw !== "object" || raw === null) return { repos };
  for (const [k, e] of Object.entries(raw as Record<string, unknown>)) {
    const o = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
    if (typeof o.owner !== "string" || typeof o.repo !== "string") continue;
    const alerts: OwedRepo["alerts"] = {};
    const a = (typeof o.alerts === "object" && o.alerts !== null ? o.alerts : {}) as Record<string, unknown>;
    for (const s of ALERT_SOURCES) {
      const ns = Array.isArray(a[s]) ? (a[s] as unknown[]).filter((n): n is number => Number.isSafeInteger(n) && (n as number) > 0) : [];
      if (ns.length > 0) alerts[s] = ns;
    }
    if (Object.keys(alerts).length > 0) repos[k] = { owner: o.owner, repo: o.repo, alerts };
  }
  return { repos };
}

async function change(store: Store, owner: string, fn: (owed: Owed) => boolean): Promise<void> {
  await store.withLock(`alerts-owed:${accountKey(owner)}`, async () => {
    const owed = read(await area(store).get(accountKey(owner)));
    if (!fn(owed)) return;
    if (Object.keys(owed.repos).length === 0) await area(store).delete(accountKey(owner));
    else await area(store).set(accountKey(owner), owed);
  });
}

/** Remembers that the alert's record is owed (its opening was deferred). */
export async function oweAlertRecord(store: Store, r: { owner: string; repo: string }, source: AlertSource, alert: number): Promise<void> {
  await change(store, r.owner, (owed) => {
    const entry = (owed.repos[repoKey(r.owner, r.repo)] ??= { owner: r.owner, repo: r.repo, alerts: {} });
    const list = (entry.alerts[source] ??= []);
    if (list.includes(alert)) return false;
    list.push(alert);
    return true;
  });
}

/** Forgets owed alerts of a repository (their record exists now, or the alert is gone). Costs one store read when none of them is owed. */
export async function forgetOwedAlerts(store: Store, r: { owner: string; repo: string }, source: AlertSource, alerts: readonly number[]): Promise<void> {
  if (alerts.length === 0) return;
  const list = read(await area(store).get(accountKey(r.owner))).repos[repoKey(r.owner, r.repo)]?.alerts[source] ?? [];
  if (!alerts.some((n) => list.includes(n))) return;
  await change(store, r.owner, (owed) => {
    const key = repoKey(r.owner, r.repo);
    const entry = owed.repos[key];
    const before = entry?.alerts[source];
    if (!entry || !before) return false;
    const after = before.filter((n) => !alerts.includes(n));
    if (after.length === before.length) return false;
    if (after.length > 0) entry.alerts[source] = after;
    else delete entry.alerts[source];
    if (Object.keys(entry.alerts).length === 0) delete owed.repos[key];
    return true;
  });
}

/** The account's repositories with owed alerts, by lowercased `owner/repo`. */
export async function owedAlertRecords(store: Store, owner: string): Promise<Record<string, OwedRepo>> {
  return read(await area(store).get(accountKey(owner))).repos;
}

/** One repository's owed alerts (none: an empty object). */
export async function owedRepoAlerts(store: Store, r: { owner: string; repo: string }): Promise<OwedRepo["alerts"]> {
  return (await owedAlertRecords(store, r.owner))[repoKey(r.owner, r.repo)]?.alerts ?? {};
}
