import type { ImsConfig, Priority } from "../config/schema.js";
import { PRIORITIES } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";
import { isKind } from "../records/kinds.js";
import { REVIEW_LABEL, parseReviewMarker } from "../change/review-record.js";
import { addWorkingMs } from "../sla/calendar.js";
import { durationMinutes } from "../sla/duration.js";
import { SLA_LABELS, pickPriority, priorityOfLabel } from "../sla/labels.js";
import type { ChangePull, DashboardFacts, ListedRecord } from "./facts.js";

/** One incident line: priority, SLA state, when it is due to be resolved. */
export interface IncidentRow {
  number: number;
  title: string;
  priority: Priority | null;
  sla: "breached" | "at risk" | "paused" | "on track" | "no priority yet";
  /** Resolution target from opening (working time of its calendar); pauses make it later. */
  due: Date | null;
}

/** What the dashboard shows, decided from the facts (pure: `now` passed in). */
export interface DashboardView {
  incidents: IncidentRow[];
  securityEvents: ListedRecord[];
  major: ListedRecord[];
  problems: Array<ListedRecord & { knownError: boolean }>;
  changes: Array<ChangePull & { waitsFor: string }>;
  changesNotRead: number;
  reviews: Array<{ number: number; title: string; due: Date; overdue: boolean }>;
  facts: DashboardFacts;
  /** The next instant the view changes with time alone (a review falls due); null: none. */
  nextChange: Date | null;
}

const MINUTE_MS = 60_000;

function incidentRow(r: ListedRecord, config: ImsConfig): IncidentRow {
  const priority = pickPriority(r.labels.map(priorityOfLabel).filter((p): p is Priority => p !== null), config.classification.conflict);
  const sla = hasLabel(r.labels, SLA_LABELS.breached) ? "breached" : hasLabel(r.labels, SLA_LABELS.atRisk) ? "at risk" : hasLabel(r.labels, SLA_LABELS.waiting) ? "paused" : priority ? "on track" : "no priority yet";
  let due: Date | null = null;
  const target = priority ? config.sla.targets[priority] : undefined;
  const cal = target ? config.sla.calendars[target.calendar] : undefined;
  if (target && cal) due = new Date(addWorkingMs(Date.parse(r.createdAt), durationMinutes(target.resolve, cal) * MINUTE_MS, cal));
  return { number: r.number, title: r.title, priority, sla, due };
}

const SLA_ORDER = ["breached", "at risk", "on track", "paused", "no priority yet"] as const;

/** Most urgent first: by priority (none last), then breached before at risk, then earliest due. */
function byUrgency(a: IncidentRow, b: IncidentRow): number {
  const p = (x: IncidentRow) => (x.priority ? PRIORITIES.indexOf(x.priority) : PRIORITIES.length);
  return p(a) - p(b) || SLA_ORDER.indexOf(a.sla) - SLA_ORDER.indexOf(b.sla) || (a.due?.getTime() ?? Infinity) - (b.due?.getTime() ?? Infinity) || a.number - b.number;
}

/** What a change pull request waits for, in the words of its check run. */
export function waitsFor(c: ChangePull): string {
  if (!c.run) return "its first evaluation by the app";
  if (c.run.status !== "completed") return c.run.title ?? "the evaluation in progress";
  if (c.run.conclusion === "success") return "nothing: the gate passes";
  return c.run.title ?? `the gate (${c.run.conclusion ?? "no conclusion"})`;
}

/** A run whose conclusion says the pull request is no change at all is left off. */
const isChange = (c: ChangePull) => !(c.run?.status === "completed" && (c.run.conclusion === "neutral" || c.run.conclusion === "skipped"));

/** Decides the dashboard's content from the facts, the config and the time (pure). */
export function dashboardView(facts: DashboardFacts, config: ImsConfig, now: Date): DashboardView {
  const incidents = facts.records.filter((r) => isKind(r.labels, "incident"));
  const reviews = facts.records
    .filter((r) => hasLabel(r.labels, REVIEW_LABEL) && r.openedByBot)
    .flatMap((r) => {
      const due = parseReviewMarker(r.body)?.due;
      return due ? [{ number: r.number, title: r.title, due, overdue: now.getTime() > due.getTime() }] : [];
    })
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.number - b.number);
  const ahead = reviews.filter((r) => !r.overdue).map((r) => r.due.getTime() + 1);
  return {
    incidents: incidents.map((r) => incidentRow(r, config)).sort(byUrgency),
    securityEvents: incidents.filter((r) => hasLabel(r.labels, "security:event")),
    major: incidents.filter((r) => hasLabel(r.labels, "major-incident")),
    problems: facts.records.filter((r) => isKind(r.labels, "problem")).map((r) => ({ ...r, knownError: hasLabel(r.labels, "known-error") })),
    changes: facts.changes.filter(isChange).map((c) => ({ ...c, waitsFor: waitsFor(c) })),
    changesNotRead: facts.changesNotRead,
    reviews,
    facts,
    nextChange: ahead.length ? new Date(Math.min(...ahead)) : null,
  };
}
