/** When a risk's review is due: reminders before the date, escalation after it (27001 8.2: at planned intervals). */
export type ReviewState = "none" | "invalid" | "scheduled" | "due-soon" | "overdue";

const DAY = 86_400_000;

/** A review date `YYYY-MM-DD` (UTC) as the start of that day, or null. */
export function parseReviewDate(text: string | null): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}

/**
 * The review's state at `now`: due soon from `leadDays` before the date, overdue once the date's day
 * has ended (UTC). `nextAt` is when the state changes next (for the sweep), null when it does not.
 */
export function reviewState(text: string | null, leadDays: number, now: Date): { state: ReviewState; date: string | null; nextAt: Date | null } {
  if (!text) return { state: "none", date: null, nextAt: null };
  const d = parseReviewDate(text);
  if (!d) return { state: "invalid", date: null, nextAt: null };
  const date = d.toISOString().slice(0, 10);
  const remindAt = new Date(d.getTime() - leadDays * DAY);
  const overdueAt = new Date(d.getTime() + DAY);
  if (now.getTime() >= overdueAt.getTime()) return { state: "overdue", date, nextAt: null };
  if (now.getTime() >= remindAt.getTime()) return { state: "due-soon", date, nextAt: overdueAt };
  return { state: "scheduled", date, nextAt: remindAt };
}
