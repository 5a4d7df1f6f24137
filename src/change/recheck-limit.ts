/**
 * How often anyone may make the app evaluate a pull request again on request (`/ims recheck`, the
 * check's "Re-run" button). Events that change the inputs (push, review, edit) are never limited.
 * The time of the last evaluation on request is kept on GitHub, in the check run's `external_id`,
 * so every instance and every restart sees the same limit.
 */

/** Prefix of the check run's `external_id` that carries the time of the last evaluation on request. */
export const RECHECK_STAMP = "ims-recheck@";

/** `5m`, `1h`; `0m` turns the limit off. */
export const RECHECK_INTERVAL_PATTERN = /^(\d+)(m|h)$/;

/** Milliseconds of a validated `change.recheck.minInterval`. */
export function intervalMs(text: string): number {
  const m = RECHECK_INTERVAL_PATTERN.exec(text);
  if (!m) throw new Error(`\`${text}\` is not an interval like \`5m\` or \`1h\``);
  return Number(m[1]) * (m[2] === "h" ? 3_600_000 : 60_000);
}

/** The `external_id` that records an evaluation on request at `now`. */
export function stampOf(now: Date): string {
  return `${RECHECK_STAMP}${now.toISOString()}`;
}

/** The time recorded by stampOf, or null for anything else (another app's id, nothing, garbage). */
export function stampedAt(externalId: string | null | undefined): Date | null {
  if (!externalId?.startsWith(RECHECK_STAMP)) return null;
  const at = new Date(externalId.slice(RECHECK_STAMP.length));
  return Number.isNaN(at.getTime()) ? null : at;
}

export type RecheckVerdict = { allowed: true } | { allowed: false; last: Date; next: Date };

/**
 * Allowed once `interval` has passed since the last evaluation on request. A stamp further in the
 * future than one interval can only come from a clock gone wrong; it must not lock the pull request.
 */
export function recheckVerdict(last: Date | null, now: Date, interval: number): RecheckVerdict {
  if (last === null || interval <= 0) return { allowed: true };
  const since = now.getTime() - last.getTime();
  if (since >= interval || since < -interval) return { allowed: true };
  return { allowed: false, last, next: new Date(last.getTime() + interval) };
}

/** `2026-03-02 09:05:00 UTC`: what the refusal names (GitHub shows comment times in the reader's zone, but a reply is plain text). */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The answer to a refused `/ims recheck`. */
export function refusalText(v: Extract<RecheckVerdict, { allowed: false }>, interval: string): string {
  return `⏱️ Not evaluated again: last evaluated at ${formatUtc(v.last)}, next possible at ${formatUtc(v.next)} (\`change.recheck.minInterval\` is \`${interval}\`). A push, a review or an edit of the pull request is evaluated at once.`;
}
