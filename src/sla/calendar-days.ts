import { TZDate } from "@date-fns/tz";
import type { CalendarConfig } from "../config/schema.js";

const DAY_MS = 86_400_000;
/** Index by JS weekday (0 = Sunday) of the config's weekday names. */
const WEEKDAY_INDEX = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;
/** Day windows kept per calendar before the cache is cleared (a few years of days). */
const WINDOW_CACHE_LIMIT = 4096;

/** A calendar prepared for fast day-by-day arithmetic. */
export interface CompiledCalendar {
  alwaysOpen: boolean;
  timeZone: string;
  /** Working-day length in minutes as configured (e.g. 480 for 09:00-17:00; 1440 when always open). */
  dayMinutes: number;
  /** Working window of a local day (days since 1970-01-01 in the calendar's zone), or null. */
  window(day: number): readonly [number, number] | null;
}

const compiled = new WeakMap<CalendarConfig, CompiledCalendar>();
/** Configs are reloaded per webhook; equal calendars share their prepared form (and day windows). */
const byContent = new Map<string, CompiledCalendar>();
const CONTENT_CACHE_LIMIT = 64;

/** Prepares (once per config object) a calendar; throws when its working hours are empty or reversed. */
export function compileCalendar(cal: CalendarConfig): CompiledCalendar {
  // Both caches hold only pure data derived from the config, so sharing them cannot change a result.
  const hit = compiled.get(cal);
  if (hit) return hit;
  const key = JSON.stringify([cal.timeZone, cal.alwaysOpen, cal.workingDays, cal.hours, cal.holidays]);
  const same = byContent.get(key);
  if (same) {
    compiled.set(cal, same);
    return same;
  }
  const start = minutesOf(cal.hours.start);
  // "00:00" as the end means midnight at the end of the day; 24:00 cannot be written as a clock.
  const end = cal.hours.end === "00:00" ? 1440 : minutesOf(cal.hours.end);
  if (!cal.alwaysOpen && end <= start) {
    throw new RangeError(
      `calendar hours ${cal.hours.start}-${cal.hours.end} are empty: the end must be after the start (use alwaysOpen: true for 24x7)`,
    );
  }
  const days = new Set<number>(cal.workingDays.map((d) => WEEKDAY_INDEX[d]));
  const holidays = new Set(cal.holidays);
  const cache = new Map<number, readonly [number, number] | null>();
  const window = (day: number): readonly [number, number] | null => {
    const cached = cache.get(day);
    if (cached !== undefined) return cached;
    let w: readonly [number, number] | null = null;
    if (days.has(weekdayOf(day)) && !holidays.has(isoDateOf(day))) {
      w = [localInstant(day, start, cal.timeZone), localInstant(day, end, cal.timeZone)];
    }
    if (cache.size >= WINDOW_CACHE_LIMIT) cache.clear();
    cache.set(day, w);
    return w;
  };
  const result: CompiledCalendar = {
    alwaysOpen: cal.alwaysOpen,
    timeZone: cal.timeZone,
    dayMinutes: cal.alwaysOpen ? 1440 : end - start,
    window,
  };
  compiled.set(cal, result);
  if (byContent.size >= CONTENT_CACHE_LIMIT) byContent.clear();
  byContent.set(key, result);
  return result;
}

/**
 * The local days an instant can fall on in any time zone: UTC offsets stay within a day, so its UTC day
 * and the ones either side. Walking windows from here and clipping them is exact and needs no zone lookup
 * (day windows are cached), which keeps the hot path free of Intl calls.
 */
export function nearLocalDays(ms: number): readonly [number, number] {
  const day = Math.floor(ms / DAY_MS);
  return [day - 1, day + 1];
}

/** The instant of a local wall-clock time; times skipped by a DST change move forward, as clocks do. */
function localInstant(day: number, minutes: number, timeZone: string): number {
  const d = new Date(day * DAY_MS);
  return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(":");
  return Number(h) * 60 + Number(m);
}

function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function isoDateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
