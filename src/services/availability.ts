import type { CalendarConfig } from "../config/schema.js";
import { workingMsBetween } from "../sla/calendar.js";

/** One outage of a service: `end` null while it lasts (counted to the period end). */
export interface Outage {
  start: number;
  end: number | null;
  /** The record that reported it (`owner/repo#12`), for the report. */
  record?: string;
}

/** What availability is computed for: one service, its target and hours, one period. */
export interface AvailabilityInput {
  service: string;
  /** Target in percent; null when the service has none (reported, never met or missed). */
  target: number | null;
  /** Name of the calendar of the agreed service hours (said in the report). */
  calendarName: string;
  calendar: CalendarConfig;
  /** Epoch milliseconds, `from` inclusive, `to` exclusive. */
  period: { from: number; to: number };
  outages: readonly Outage[];
}

export interface Availability {
  service: string;
  calendar: string;
  /** Agreed service time in the period (the calendar's hours), minutes. */
  agreedMinutes: number;
  /** Outage within the agreed service time, overlapping outages counted once, minutes. */
  outageMinutes: number;
  /** 100 × (agreed − outage) / agreed; null when the period holds no agreed service time. */
  percent: number | null;
  target: number | null;
  /** null when there is no target or no agreed time. */
  met: boolean | null;
  /** The outages merged (overlapping or touching ones joined), clipped to the period. */
  merged: Array<{ start: number; end: number }>;
  /** How many outage reports went into it. */
  reports: number;
}

/** Overlapping or touching intervals joined; open ones end at `openEnd`; empty ones dropped. */
export function mergeIntervals(outages: readonly Outage[], openEnd: number): Array<{ start: number; end: number }> {
  const spans = outages
    .map((o) => ({ start: o.start, end: o.end ?? Math.max(o.start, openEnd) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Availability of one service in one period (20000-1 8.7.1): agreed service time (its calendar's
 * hours in the period) minus the outage overlapping it, against its target. Outages of the service
 * that overlap are merged first, so two records of one outage do not count it twice; outage outside
 * the service hours does not count. Per service only: never average these across services.
 * Example: a 24x7 service, 30 days, one 43-minute outage -> 99.9% (43,157 of 43,200 minutes).
 */
export function availabilityOf(input: AvailabilityInput): Availability {
  const { from, to } = input.period;
  const agreedMs = workingMsBetween(from, to, input.calendar);
  const merged = mergeIntervals(input.outages, to)
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start);
  const outageMs = merged.reduce((n, s) => n + workingMsBetween(s.start, s.end, input.calendar), 0);
  const percent = agreedMs > 0 ? (100 * (agreedMs - outageMs)) / agreedMs : null;
  return {
    service: input.service,
    calendar: input.calendarName,
    agreedMinutes: agreedMs / 60_000,
    outageMinutes: outageMs / 60_000,
    percent,
    target: input.target,
    met: percent === null || input.target === null ? null : percent + 1e-9 >= input.target,
    merged,
    reports: input.outages.length,
  };
}

/** A percentage as the report shows it: three decimals, never rounded up to a target it missed. */
export function formatPercent(p: number | null): string {
  if (p === null) return "n/a";
  const floored = Math.floor(p * 1000 + 1e-6) / 1000;
  return `${floored.toFixed(3)}%`;
}
