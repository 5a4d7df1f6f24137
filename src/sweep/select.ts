import type { ImsConfig, Priority } from "../config/schema.js";
import { addWorkingMs, workingMsBetween } from "../sla/calendar.js";
import { durationMinutes } from "../sla/duration.js";
import { pickPriority, priorityOfLabel } from "../sla/labels.js";

/** A record as the search result shows it: enough to rule most records out without reading more. */
export interface SweepItem {
  number: number;
  labels: readonly string[];
  createdAt: string;
}

/** Whether the sweep must read a record, and why (for logs and the benchmark). */
export interface Verdict {
  due: boolean;
  reason: string;
}

const MINUTE_MS = 60_000;

/**
 * Decides from search data alone whether anything can be due on a record now (pure). It errs on the
 * side of reading: a record is skipped only when nothing can have changed, because
 * - it has no priority (no clock) or is paused (`status:waiting`), or
 * - its labels are final: `sla:breached` and every escalation level for its priority reached, or
 * - the app (its store) evaluated it, it looks as it was left, and the next change it computed is ahead, or
 * - even counting every minute since it was opened (an upper bound: the clock starts no earlier and
 *   pauses only take time away) it cannot have reached the next threshold yet.
 */
export function mayBeDue(item: SweepItem, config: ImsConfig, now: Date, memo?: { next: number | null }): Verdict {
  const labels = item.labels.map((l) => l.toLowerCase());
  const priority = pickPriority(labels.map(priorityOfLabel).filter((p): p is Priority => p !== null), config.classification.conflict);
  if (!priority) return { due: false, reason: "no priority: no SLA clock" };
  if (labels.includes("status:waiting")) return { due: false, reason: "paused (status:waiting)" };
  const levels = config.escalation.levels.filter((l) => l.priorities.includes(priority));
  // A kind label proves a level only when one level of that kind applies to this priority.
  const done = (kind: "functional" | "hierarchical") => labels.includes(`escalation:${kind}`) && levels.filter((l) => l.kind === kind).length === 1;
  const breached = labels.includes("sla:breached");
  const atRisk = labels.includes("sla:at-risk");
  if (breached) {
    return levels.every((l) => done(l.kind)) ? { due: false, reason: "final: breached and every level escalated" } : { due: true, reason: "breached with an escalation level not yet reached" };
  }
  if (atRisk && levels.some((l) => l.when === "at-risk" && !done(l.kind))) return { due: true, reason: "at risk with an escalation level not yet reached" };
  if (memo) {
    if (memo.next === null) return { due: false, reason: "unchanged since its last evaluation, no change ahead" };
    if (now.getTime() < memo.next) return { due: false, reason: "unchanged since its last evaluation, next change ahead" };
    return { due: true, reason: "its next change is due" };
  }
  const target = config.sla.targets[priority];
  const cal = config.sla.calendars[target.calendar];
  if (!cal) return { due: true, reason: "calendar missing: let the record show the error" };
  const shortest = Math.min(durationMinutes(target.respond, cal), durationMinutes(target.resolve, cal)) * MINUTE_MS;
  const threshold = (atRisk ? 1 : config.sla.atRisk) * shortest;
  const start = Date.parse(item.createdAt);
  if (workingMsBetween(start, now.getTime(), cal) < threshold) {
    return { due: false, reason: `cannot be ${atRisk ? "breached" : "at risk"} before ${new Date(addWorkingMs(start, threshold, cal)).toISOString()}` };
  }
  return { due: true, reason: atRisk ? "may be breached" : "may be at risk" };
}
