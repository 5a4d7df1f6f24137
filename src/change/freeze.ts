import { TZDate } from "@date-fns/tz";

export interface FreezeConfig {
  from: string;
  to: string;
  timeZone: string;
  reason: string;
}

export interface FreezeWindow extends FreezeConfig {
  /** The window as instants (ISO, UTC). */
  start: string;
  end: string;
}

export interface FreezeCheck {
  active: FreezeWindow[];
  /** Windows whose times cannot be read: config errors, so the gate fails closed. */
  errors: string[];
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The freeze windows in force at `now`. `from`/`to` are local date-times in the window's time zone
 * (`2026-12-20T18:00`, or a date: `from` starts at 00:00, `to` ends at the end of that day).
 */
export function activeFreezes(freezes: FreezeConfig[], now: Date): FreezeCheck {
  const active: FreezeWindow[] = [];
  const errors: string[] = [];
  freezes.forEach((f, i) => {
    const start = localInstant(f.from, f.timeZone, false);
    const end = localInstant(f.to, f.timeZone, true);
    const where = `\`change.freezes[${i}]\``;
    if (start === null) errors.push(`${where}.from must be a local date-time like \`2026-12-20T18:00\` (got \`${f.from}\`)`);
    if (end === null) errors.push(`${where}.to must be a local date-time like \`2027-01-04T08:00\` (got \`${f.to}\`)`);
    if (start === null || end === null) return;
    if (end <= start) {
      errors.push(`${where} ends (${f.to}) before it starts (${f.from})`);
      return;
    }
    const t = now.getTime();
    if (t >= start && t < end) active.push({ ...f, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  });
  return { active, errors };
}

/** Every readable window as epoch-ms instants (the unreadable ones are activeFreezes' errors). */
export function freezeInstants(freezes: readonly FreezeConfig[]): Array<{ start: number; end: number }> {
  return freezes.flatMap((f) => {
    const start = localInstant(f.from, f.timeZone, false);
    const end = localInstant(f.to, f.timeZone, true);
    return start !== null && end !== null && end > start ? [{ start, end }] : [];
  });
}

/** Epoch ms of a local date-time in `timeZone`; null when it is not a real calendar time. */
function localInstant(text: string, timeZone: string, endOfDay: boolean): number | null {
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dateOnly = m[4] === undefined;
  const h = dateOnly ? 0 : Number(m[4]);
  const mi = dateOnly ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  // reject 2026-02-30 and the like: the UTC calendar tells the days of a month
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null;
  try {
    const at = new TZDate(y, mo - 1, dateOnly && endOfDay ? d + 1 : d, h, mi, s, timeZone).getTime();
    return Number.isNaN(at) ? null : at;
  } catch {
    return null;
  }
}
