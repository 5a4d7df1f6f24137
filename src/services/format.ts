/** Minutes as the report writes them: `42 min`, `3.5 h`, `2.1 d` (of the calendar's hours, not 24-hour days). */
export function formatMinutes(m: number | null): string {
  if (m === null) return "n/a";
  if (m < 90) return `${Math.round(m)} min`;
  if (m < 60 * 48) return `${(m / 60).toFixed(1)} h`;
  return `${(m / 1440).toFixed(1)} d (of 24 calendar hours)`;
}

/** A share as a percentage with one decimal; `n/a` without data. */
export const formatShare = (x: number | null) => (x === null ? "n/a" : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** `met/total (x%)` for an SLA clock. */
export function formatCompliance(c: { met: number; breached: number }): string {
  const total = c.met + c.breached;
  return total ? `${c.met}/${total} met (${formatShare(c.met / total)})` : "no clock ended";
}
