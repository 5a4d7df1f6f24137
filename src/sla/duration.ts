import { DURATION_PATTERN } from "../config/schema.js";
import type { CalendarConfig } from "../config/schema.js";
import { workingDayMinutes } from "./calendar.js";

/** `m` minutes, `h` hours, `d` days, `bd` business days. */
export type DurationUnit = "m" | "h" | "d" | "bd";

/** A validated SLA duration such as `15m` or `3bd`. */
export interface Duration {
  amount: number;
  unit: DurationUnit;
  /** The text it was parsed from, for messages and cards. */
  text: string;
}

/** A duration string that cannot be used; the message says what to write instead. */
export class DurationError extends Error {
  override name = "DurationError";
}

/** Upper bounds keep deadline arithmetic bounded: no SLA target is longer than a year. */
const MAX_AMOUNT: Record<DurationUnit, number> = { m: 366 * 24 * 60, h: 366 * 24, d: 366, bd: 366 };

/** Parses `15m`, `4h`, `2d` or `3bd`; throws DurationError with a fix-it message otherwise. */
export function parseDuration(text: string): Duration {
  const m = DURATION_PATTERN.exec(text);
  if (!m) {
    throw new DurationError(`\`${text}\` is not a duration: write a whole number and a unit, like \`15m\`, \`4h\`, \`2d\` or \`3bd\``);
  }
  const amount = Number(m[1]);
  const unit = m[2] as DurationUnit;
  if (amount <= 0) throw new DurationError(`\`${text}\`: a duration must be greater than zero`);
  if (amount > MAX_AMOUNT[unit]) {
    throw new DurationError(`\`${text}\`: a duration can be at most ${MAX_AMOUNT[unit]}${unit} (one year)`);
  }
  return { amount, unit, text };
}

/**
 * Working minutes a duration stands for on a calendar: m and h are working time; `bd` is N working days
 * of the calendar's day length (8h for 09:00-17:00, 24h on a 24x7 calendar); `d` is 24h on a 24x7
 * calendar and the same as `bd` on a business calendar. Example: durationMinutes("3bd", business) === 1440.
 */
export function durationMinutes(duration: Duration | string, cal: CalendarConfig): number {
  const d = typeof duration === "string" ? parseDuration(duration) : duration;
  switch (d.unit) {
    case "m":
      return d.amount;
    case "h":
      return d.amount * 60;
    case "d":
    case "bd":
      return d.amount * workingDayMinutes(cal);
  }
}
