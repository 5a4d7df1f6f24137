import type { CalendarConfig, Priority, SlaConfig } from "../config/schema.js";
import { addWorkingMs, workingMsBetween } from "./calendar.js";
import { durationMinutes, parseDuration } from "./duration.js";
import type { RecordHistory } from "./history.js";
import { replay, type Replay } from "./replay.js";

const MINUTE_MS = 60_000;

/** State of one target: `stopped` is a record closed before its response target was met or breached. */
export type TargetState = "met" | "running" | "at-risk" | "breached" | "paused" | "stopped";
/** State of the record as a whole, which the `sla:*` labels show. */
export type SlaState = "ok" | "at-risk" | "breached";

/** One target (respond or resolve) of a record at `now`. */
export interface TargetResult {
  name: "respond" | "resolve";
  /** The configured duration, e.g. `15m`. */
  target: string;
  targetMinutes: number;
  /** Working minutes the clock has run for this target (open, not waiting; up to the response for `respond`). */
  elapsedMinutes: number;
  /** elapsed / target; 1 or more is a breach. */
  share: number;
  /** When the target is (or was) reached, counting the pauses so far and assuming the clock runs from now on. */
  due: Date;
  state: TargetState;
}

/** The SLA of one record at `now`. */
export interface SlaResult {
  priority: Priority;
  /** Name of the calendar the targets are measured on, and its zone (for display; 24x7 counts real time). */
  calendar: string;
  timeZone: string;
  start: Date;
  respondedAt: Date | null;
  respondedBy: string | null;
  closed: boolean;
  paused: boolean;
  /** Null: the record has no respond target (a security alert's record runs on its remediation target alone). */
  respond: TargetResult | null;
  resolve: TargetResult;
  state: SlaState;
  /** The next instant at which the state changes if nothing else happens; null when none (closed, paused, final). */
  nextChangeAt: Date | null;
}

/** How a record's clock runs beyond its targets. */
export interface ClockOptions {
  /** False: the record has no respond target, only its resolve target (see `respondApplies`). Default true. */
  respond?: boolean;
}

/**
 * Computes a record's SLA at `now` from its history alone; null when the record is not an incident
 * (at `now`) or has no priority yet. A priority change re-targets from the original start. Without a
 * respond target (`options.respond: false`) the state, the at-risk point and the next change are the
 * resolve target's alone.
 */
export function computeSla(history: RecordHistory, sla: SlaConfig, now: Date, options: ClockOptions = {}): SlaResult | null {
  const t = now.getTime();
  const r = replay(history, t);
  if (r.start === null || !r.incident || r.priority === null) return null;
  const target = sla.targets[r.priority];
  const cal = sla.calendars[target.calendar];
  if (!cal) {
    throw new Error(`sla.targets.${r.priority}.calendar names \`${target.calendar}\`, which is not in sla.calendars: add it or pick one of ${Object.keys(sla.calendars).join(", ")}`);
  }
  const closed = !r.open;
  const paused = r.open && r.waiting;
  const respondEnd = r.respondedAt ?? r.closedAt ?? t;
  const respond =
    options.respond === false
      ? null
      : evaluate("respond", target.respond, clip(r.running, respondEnd), respondEnd, cal, sla.atRisk, { done: r.respondedAt !== null, closed, paused });
  const resolve = evaluate("resolve", target.resolve, r.running, r.closedAt ?? t, cal, sla.atRisk, { done: closed, closed, paused });
  const targets = respond ? [respond, resolve] : [resolve];
  return {
    priority: r.priority,
    calendar: target.calendar,
    timeZone: cal.timeZone,
    start: new Date(r.start),
    respondedAt: r.respondedAt === null ? null : new Date(r.respondedAt),
    respondedBy: r.respondedBy,
    closed,
    paused,
    respond,
    resolve,
    state: overall(targets, sla.atRisk),
    nextChangeAt: nextChange(r, targets, cal, sla.atRisk, t),
  };
}

interface Phase {
  /** The target's clock has stopped for good (responded; for resolve: closed). */
  done: boolean;
  closed: boolean;
  paused: boolean;
}

function evaluate(
  name: TargetResult["name"], text: string, running: Array<[number, number]>, end: number,
  cal: CalendarConfig, atRisk: number, phase: Phase,
): TargetResult {
  const targetMinutes = durationMinutes(parseDuration(text), cal);
  const targetMs = targetMinutes * MINUTE_MS;
  let elapsed = 0;
  let due: number | null = null;
  for (const [a, b] of running) {
    const ms = workingMsBetween(a, b, cal);
    if (due === null && elapsed + ms >= targetMs) due = addWorkingMs(a, targetMs - elapsed, cal);
    elapsed += ms;
  }
  due ??= addWorkingMs(end, targetMs - elapsed, cal);
  const share = elapsed / targetMs;
  return { name, target: text, targetMinutes, elapsedMinutes: elapsed / MINUTE_MS, share, due: new Date(due), state: stateOf(share, atRisk, phase) };
}

function stateOf(share: number, atRisk: number, phase: Phase): TargetState {
  // A target is breached from the instant its full duration has run: "4h unresolved" is a breach.
  if (share >= 1) return "breached";
  if (phase.done) return "met";
  if (phase.closed) return "stopped";
  if (phase.paused) return "paused";
  return share >= atRisk ? "at-risk" : "running";
}

function overall(targets: TargetResult[], atRisk: number): SlaState {
  if (targets.some((x) => x.state === "breached")) return "breached";
  // A pause freezes the clock, not the risk: a paused record past the threshold stays at risk.
  if (targets.some((x) => x.state === "at-risk" || (x.state === "paused" && x.share >= atRisk))) return "at-risk";
  return "ok";
}

function clip(running: Array<[number, number]>, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of running) if (a < end) out.push([a, Math.min(b, end)]);
  return out;
}

function nextChange(r: Replay, targets: TargetResult[], cal: CalendarConfig, atRisk: number, now: number): Date | null {
  if (!r.open || r.waiting) return null;
  let next: number | null = null;
  for (const x of targets) {
    if (x.state !== "running" && x.state !== "at-risk") continue;
    const elapsedMs = x.elapsedMinutes * MINUTE_MS;
    const threshold = (x.state === "running" ? atRisk : 1) * x.targetMinutes * MINUTE_MS;
    const at = addWorkingMs(now, Math.max(0, threshold - elapsedMs), cal);
    if (next === null || at < next) next = at;
  }
  return next === null ? null : new Date(next);
}
