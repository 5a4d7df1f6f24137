import { countedApprovals } from "../evidence-items.js";
import { DEFAULT_EXCEPTION_RULES, reviewState } from "../exceptions.js";
import type { ChangeRecord, EvidenceItem, IncidentRecord, ProblemRecord } from "../types.js";

/** Rows kept for the report's lists; the rest are counted, so memory stays flat. */
export const REPORT_ROW_LIMIT = 200;

export type PriorityKey = "P1" | "P2" | "P3" | "P4" | "none";
export const PRIORITY_KEYS: readonly PriorityKey[] = ["P1", "P2", "P3", "P4", "none"];

export interface ClockCount {
  met: number;
  breached: number;
  running: number;
  stopped: number;
}

export interface Capped<T> {
  rows: T[];
  total: number;
}

export interface IncidentRow {
  ref: string;
  url: string;
  title: string;
  priority: string;
  security: string;
  state: string;
  createdAt: string;
  closedAt: string | null;
  escalations: number;
  review: string | null;
  reviewCompletedAt: string | null;
}

export interface ChangeRow {
  ref: string;
  url: string;
  title: string;
  type: string;
  risk: string;
  mergedAt: string | null;
  approvals: string;
  review: string | null;
  reviewCompletedAt: string | null;
  /** At the period's end: done, done late, pending (not yet due) or overdue. */
  reviewState: "done" | "late" | "pending" | "overdue";
}

/** Aggregates the report needs, built while records stream past. */
export interface BundleStats {
  incidents: number;
  problems: number;
  knownErrors: number;
  changes: number;
  sla: Record<PriorityKey, { respond: ClockCount; resolve: ClockCount }>;
  /** bucket (YYYY-MM or YYYY-MM-DD) -> priority -> count */
  byBucket: Map<string, Record<PriorityKey, number>>;
  bucket: "day" | "month";
  security: Capped<IncidentRow>;
  major: Capped<IncidentRow>;
  changeTypes: Record<"standard" | "normal" | "emergency", { total: number; merged: number; approved: number; securityReviewed: number }>;
  emergency: Capped<ChangeRow>;
  evidence: Record<string, number>;
  /** The period's end: what "due" is judged at. */
  periodEnd: string;
}

const zeroClock = (): ClockCount => ({ met: 0, breached: 0, running: 0, stopped: 0 });
const zeroPriorities = (): Record<PriorityKey, number> => ({ P1: 0, P2: 0, P3: 0, P4: 0, none: 0 });

/** Empty aggregates; buckets by day for periods up to 45 days, else by month. */
export function emptyStats(period: { from: string; to: string }): BundleStats {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  const sla = Object.fromEntries(PRIORITY_KEYS.map((p) => [p, { respond: zeroClock(), resolve: zeroClock() }]));
  const type = () => ({ total: 0, merged: 0, approved: 0, securityReviewed: 0 });
  return {
    incidents: 0,
    problems: 0,
    knownErrors: 0,
    changes: 0,
    sla: sla as BundleStats["sla"],
    byBucket: new Map(),
    bucket: days <= 45 ? "day" : "month",
    security: { rows: [], total: 0 },
    major: { rows: [], total: 0 },
    changeTypes: { standard: type(), normal: type(), emergency: type() },
    emergency: { rows: [], total: 0 },
    evidence: {},
    periodEnd: period.to,
  };
}

function keep<T>(list: Capped<T>, row: T): void {
  list.total++;
  if (list.rows.length < REPORT_ROW_LIMIT) list.rows.push(row);
}

/** The bucket a time falls in. */
export function bucketOf(at: string, bucket: "day" | "month"): string {
  return at.slice(0, bucket === "day" ? 10 : 7);
}

function incidentRow(r: IncidentRecord): IncidentRow {
  return {
    ref: `${r.repo}#${r.number}`,
    url: r.url,
    title: r.title,
    priority: r.priority ?? "none",
    security: r.security,
    state: r.state,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    escalations: r.escalations.length,
    review: r.review ? `${r.review.repo}#${r.review.number}` : null,
    reviewCompletedAt: r.review?.completedAt ?? null,
  };
}

/** Counts one incident. */
export function addIncident(s: BundleStats, r: IncidentRecord): void {
  s.incidents++;
  const p: PriorityKey = r.priority ?? "none";
  for (const c of r.sla) s.sla[p][c.clock][c.status]++;
  const b = bucketOf(r.createdAt, s.bucket);
  const row = s.byBucket.get(b) ?? zeroPriorities();
  row[p]++;
  s.byBucket.set(b, row);
  if (r.security !== "none") keep(s.security, incidentRow(r));
  if (r.major) keep(s.major, incidentRow(r));
}

/** Counts one problem. */
export function addProblem(s: BundleStats, r: ProblemRecord): void {
  s.problems++;
  if (r.knownError) s.knownErrors++;
}

/** Counts one change. */
export function addChange(s: BundleStats, r: ChangeRecord, reviewDueDays = DEFAULT_EXCEPTION_RULES.reviewDueDays): void {
  s.changes++;
  const t = s.changeTypes[r.type];
  const approvals = countedApprovals(r);
  t.total++;
  if (r.state === "merged") t.merged++;
  if (approvals.length) t.approved++;
  if (approvals.some((v) => v.security)) t.securityReviewed++;
  if (r.type === "emergency") {
    keep(s.emergency, {
      ref: `${r.repo}#${r.number}`,
      url: r.url,
      title: r.title,
      type: r.type,
      risk: r.risk ?? "",
      mergedAt: r.mergedAt,
      approvals: approvals.map((v) => v.reviewer).join(", "),
      review: r.emergencyReview ? `${r.emergencyReview.repo}#${r.emergencyReview.number}` : null,
      reviewCompletedAt: r.emergencyReview?.completedAt ?? null,
      reviewState: reviewState(r.emergencyReview?.completedAt ?? null, r.mergedAt, reviewDueDays, s.periodEnd).state,
    });
  }
}

/** Counts one evidence item by kind. */
export function addEvidence(s: BundleStats, item: EvidenceItem): void {
  s.evidence[item.kind] = (s.evidence[item.kind] ?? 0) + 1;
}
