import type { CalendarConfig } from "../config/schema.js";
import { compileCalendar, nearLocalDays } from "./calendar-days.js";

const MINUTE_MS = 60_000;
/** A deadline search gives up after this many local days (ten years): the calendar has no working time. */
const MAX_DAYS = 3660;

/** Length of one working day in minutes (480 for 09:00-17:00; 1440 for a 24x7 calendar). */
export function workingDayMinutes(cal: CalendarConfig): number {
  return compileCalendar(cal).dayMinutes;
}

/**
 * Working minutes between two instants on a calendar; 0 when `b` is not after `a`. O(days spanned).
 * Example: Fri 16:00 to Mon 10:00 on a Mon-Fri 09:00-17:00 calendar is 120.
 */
export function workingMinutesBetween(a: Date, b: Date, cal: CalendarConfig): number {
  return workingMsBetween(a.getTime(), b.getTime(), cal) / MINUTE_MS;
}

/** As workingMinutesBetween, in milliseconds on epoch-millisecond instants (for hot loops). */
export function workingMsBetween(a: number, b: number, cal: CalendarConfig): number {
  if (!(b > a)) return 0;
  const c = compileCalendar(cal);
  if (c.alwaysOpen) return b - a;
  let total = 0;
  const [first] = nearLocalDays(a);
  const [, last] = nearLocalDays(b);
  for (let day = first; day <= last; day++) {
    const w = c.window(day);
    if (!w) continue;
    const from = Math.max(a, w[0]);
    const to = Math.min(b, w[1]);
    if (to > from) total += to - from;
  }
  return total;
}

/**
 * The instant `minutes` working minutes after `start` (a deadline). A deadline that uses up a day's
 * window exactly ends at that window's close, not at the next opening. O(days spanned).
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: CalendarConfig): Date {
  return new Date(addWorkingMs(start.getTime(), minutes * MINUTE_MS, cal));
}

/** As addWorkingMinutes, in milliseconds on epoch-millisecond instants. */
export function addWorkingMs(start: number, ms: number, cal: CalendarConfig): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot add ${ms} ms of working time: use a finite amount of at least 0`);
  if (ms === 0) return start;
  const c = compileCalendar(cal);
  if (c.alwaysOpen) return start + ms;
  let remaining = ms;
  const [first] = nearLocalDays(start);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const w = c.window(day);
    if (!w || w[1] <= start) continue;
    const from = Math.max(start, w[0]);
    const available = w[1] - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new RangeError(`calendar in ${c.timeZone} has no working time in ${MAX_DAYS} days: check its working days and holidays`);
}
