/**
 * DORA's four keys for one repository and period, as Google's Four Keys project (github.com/dora-team/fourkeys)
 * defines them, over the deployments, changes and incidents of an evidence bundle. Pure: plain data in, numbers out.
 *
 * - Deployment frequency: successful production deployments; the Four Keys bucket is "daily" when the
 *   median week of the period had deployments on 3 or more days, "weekly" when the median week had one,
 *   "monthly" when the median month had one, else "yearly" ("none" without any).
 * - Lead time for changes: median of (first successful production deployment that delivered the change -
 *   the change's first commit), over changes with both; non-positive times are ignored, as Four Keys does.
 * - Change failure rate: production deployments that failed, were rolled back (the next deployment of the
 *   environment went back to an earlier commit) or delivered a change an incident is linked to, over the
 *   production deployments that finished (success or failure).
 * - Time to restore: median of (closed - opened) of the incidents opened in the period that are linked to
 *   a change of the repository; open ones are counted as unresolved.
 */
import type { DeploymentPoint } from "./history.js";

export interface DoraDeployment extends DeploymentPoint {
  finishedAt: string | null;
  outcome: "success" | "failed" | "in progress" | "none";
  rollback: boolean;
  /** Pull request numbers of the changes it delivered. */
  changes: readonly number[];
}

export interface DoraChange {
  pull: number;
  firstCommitAt: string | null;
  /** Numbers of the incidents linked to the change. */
  incidents: readonly number[];
}

export interface DoraIncident {
  number: number;
  createdAt: string;
  closedAt: string | null;
}

export interface DoraInput {
  repo: string;
  period: { from: string; to: string };
  /** The environments that count as production (names compared case-insensitively). */
  production: readonly string[];
  deployments: readonly DoraDeployment[];
  changes: readonly DoraChange[];
  incidents: readonly DoraIncident[];
}

export type FrequencyBucket = "daily" | "weekly" | "monthly" | "yearly" | "none";

export interface FourKeys {
  repo: string;
  period: { from: string; to: string };
  production: string[];
  deploymentFrequency: { successful: number; days: number; perDay: number; perWeek: number; bucket: FrequencyBucket };
  leadTime: { medianMinutes: number | null; changes: number };
  changeFailureRate: { rate: number | null; failed: number; finished: number; failedOutcome: number; rolledBack: number; incident: number };
  timeToRestore: { medianMinutes: number | null; restored: number; unresolved: number };
  /** What each figure was computed from, so a reader can recount it from records/. */
  basis: {
    leadTimes: Array<{ pull: number; deployment: number; minutes: number }>;
    failures: Array<{ deployment: number; reasons: Array<"failed" | "rolled back" | "incident"> }>;
    restores: Array<{ incident: number; minutes: number | null }>;
  };
}

const DAY = 86_400_000;

/** The median, as BigQuery's PERCENTILE_CONT(x, 0.5) takes it (mean of the two middle values); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const inPeriod = (at: string, p: { from: string; to: string }) => Date.parse(at) >= Date.parse(p.from) && Date.parse(at) <= Date.parse(p.to);
/** Monday (UTC) of the week a time falls in, as `YYYY-MM-DD`. */
const weekOf = (t: number) => new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);

function bucketOf(successAt: readonly string[], period: { from: string; to: string }): FrequencyBucket {
  if (!successAt.length) return "none";
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const weeks = new Map<string, Set<string>>();
  const months = new Map<string, number>();
  for (let t = from; t <= to; t += DAY) {
    weeks.set(weekOf(t), new Set());
    months.set(new Date(t).toISOString().slice(0, 7), 0);
  }
  for (const at of successAt) {
    const t = Date.parse(at);
    weeks.get(weekOf(t))?.add(new Date(t).toISOString().slice(0, 10));
    const m = new Date(t).toISOString().slice(0, 7);
    if (months.has(m)) months.set(m, months.get(m)! + 1);
  }
  const days = [...weeks.values()].map((s) => s.size);
  if ((median(days) ?? 0) >= 3) return "daily";
  if ((median(days.map((d) => (d > 0 ? 1 : 0))) ?? 0) >= 1) return "weekly";
  if ((median([...months.values()].map((n) => (n > 0 ? 1 : 0))) ?? 0) >= 1) return "monthly";
  return "yearly";
}

/** The deployments a rollback undid: for each rollback, the last successful deployment of another commit before it. */
function rolledBackIds(deployments: readonly DoraDeployment[]): Set<number> {
  const out = new Set<number>();
  const order = (a: DoraDeployment, b: DoraDeployment) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1);
  for (const r of deployments.filter((d) => d.rollback)) {
    const before = deployments.filter((d) => d.environment === r.environment && d.outcome === "success" && d.sha !== r.sha && order(d, r) < 0).sort(order);
    const undone = before.at(-1);
    if (undone) out.add(undone.id);
  }
  return out;
}

/** The four keys of one repository for the period. Example: fourKeys({ repo, period, production: ["production"], deployments, changes, incidents }). */
export function fourKeys(input: DoraInput): FourKeys {
  const { period } = input;
  const prodNames = new Set(input.production.map((e) => e.toLowerCase()));
  const prod = input.deployments.filter((d) => prodNames.has(d.environment.toLowerCase()) && inPeriod(d.createdAt, period));
  const successful = prod.filter((d) => d.outcome === "success");
  const days = Math.max((Date.parse(period.to) - Date.parse(period.from)) / DAY, 1 / 24);
  const perDay = successful.length / days;

  const changes = new Map(input.changes.map((c) => [c.pull, c]));
  const firstDeployed = new Map<number, { at: number; id: number }>();
  for (const d of successful) {
    const at = Date.parse(d.finishedAt ?? d.createdAt);
    for (const pull of d.changes) if (!firstDeployed.has(pull) || at < firstDeployed.get(pull)!.at) firstDeployed.set(pull, { at, id: d.id });
  }
  const leadTimes: FourKeys["basis"]["leadTimes"] = [];
  for (const [pull, { at, id }] of firstDeployed) {
    const first = changes.get(pull)?.firstCommitAt;
    const minutes = first ? (at - Date.parse(first)) / 60_000 : NaN;
    if (minutes > 0) leadTimes.push({ pull, deployment: id, minutes });
  }
  const leads = leadTimes.map((l) => l.minutes);

  const undone = rolledBackIds(input.deployments);
  const finished = prod.filter((d) => d.outcome === "success" || d.outcome === "failed");
  const causedIncident = (d: DoraDeployment) => d.changes.some((p) => (changes.get(p)?.incidents.length ?? 0) > 0);
  const failedOutcome = finished.filter((d) => d.outcome === "failed");
  const rolledBack = finished.filter((d) => undone.has(d.id));
  const incident = finished.filter(causedIncident);
  const failed = finished.filter((d) => d.outcome === "failed" || undone.has(d.id) || causedIncident(d));
  const failures = failed.map((d) => ({
    deployment: d.id,
    reasons: [...(d.outcome === "failed" ? ["failed" as const] : []), ...(undone.has(d.id) ? ["rolled back" as const] : []), ...(causedIncident(d) ? ["incident" as const] : [])],
  }));

  const linked = new Set(input.changes.flatMap((c) => c.incidents));
  const incidents = input.incidents.filter((i) => linked.has(i.number) && inPeriod(i.createdAt, period));
  const restores = incidents.map((i) => ({ incident: i.number, minutes: i.closedAt === null ? null : (Date.parse(i.closedAt) - Date.parse(i.createdAt)) / 60_000 }));
  const restored = restores.flatMap((r) => (r.minutes === null ? [] : [r.minutes]));

  return {
    repo: input.repo,
    period,
    production: [...input.production],
    deploymentFrequency: { successful: successful.length, days: Math.round(days * 100) / 100, perDay, perWeek: perDay * 7, bucket: bucketOf(successful.map((d) => d.finishedAt ?? d.createdAt), period) },
    leadTime: { medianMinutes: median(leads), changes: leads.length },
    changeFailureRate: { rate: finished.length ? failed.length / finished.length : null, failed: failed.length, finished: finished.length, failedOutcome: failedOutcome.length, rolledBack: rolledBack.length, incident: incident.length },
    timeToRestore: { medianMinutes: median(restored), restored: restored.length, unresolved: incidents.length - restored.length },
    basis: { leadTimes, failures, restores },
  };
}
