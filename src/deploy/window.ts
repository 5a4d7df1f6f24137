import { TZDate } from "@date-fns/tz";

export interface WindowConfig {
  days: readonly string[];
  from: string;
  to: string;
  timeZone: string;
}

export interface WindowCheck {
  /** No windows configured, or `now` inside one. */
  open: boolean;
  /** The window `now` is in, when open by a window. */
  inside: WindowConfig | null;
  /** The next instant a window opens (ISO), when closed; null when none opens within two weeks. */
  nextOpening: string | null;
  /** Windows whose hours cannot be read (`to` not after `from`): config errors, the gate fails closed. */
  errors: string[];
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `now` is inside a change window (weekdays and local hours in an IANA zone), and if not, when
 * the next one opens. Pure. Example: windows [{ days: ["mon"], from: "09:00", to: "17:00", timeZone:
 * "Europe/Berlin" }] at Monday 18:00 Berlin -> closed, next opening the following Monday 09:00 Berlin.
 */
export function checkWindows(windows: readonly WindowConfig[], now: Date): WindowCheck {
  const errors = windows.flatMap((w, i) => (minutes(w.to) <= minutes(w.from) ? [`\`deploy.windows[${i}]\` closes (${w.to}) before it opens (${w.from})`] : []));
  if (windows.length === 0 || errors.length > 0) return { open: errors.length === 0, inside: null, nextOpening: null, errors };
  for (const w of windows) {
    const local = new TZDate(now.getTime(), w.timeZone);
    const at = local.getHours() * 60 + local.getMinutes();
    if (w.days.includes(DAYS[local.getDay()]!) && at >= minutes(w.from) && at < minutes(w.to)) return { open: true, inside: w, nextOpening: null, errors };
  }
  let next: number | null = null;
  for (const w of windows) {
    const local = new TZDate(now.getTime(), w.timeZone);
    for (let d = 0; d <= 14; d++) {
      const day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + d, Number(w.from.slice(0, 2)), Number(w.from.slice(3, 5)), 0, w.timeZone);
      if (!w.days.includes(DAYS[day.getDay()]!) || day.getTime() <= now.getTime()) continue;
      if (next === null || day.getTime() < next) next = day.getTime();
      break;
    }
  }
  return { open: false, inside: null, nextOpening: next === null ? null : new Date(next).toISOString(), errors };
}
