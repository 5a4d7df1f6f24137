import { storeOf } from "../github/store-of.js";
import { EVALUATION_LOCK } from "../store/areas.js";
import { runCoalesced, type Coalesced } from "../store/coalesce.js";

/**
 * Per-record lock in the app's store (bound to the event's Octokit): a sweep and a webhook (or two
 * webhooks) never evaluate the same record at once; with a shared store, not across instances either.
 * Without one, decisions still derive from GitHub state and once-comments are deduplicated after posting.
 * Example key: "acme/web#12".
 */
export function withRecordLock<T>(octokit: object, key: string, fn: () => Promise<T>): Promise<T> {
  return storeOf(octokit).withLock(key, fn, EVALUATION_LOCK);
}

/**
 * One evaluation of a record at a time, coalesced (src/store/coalesce.ts): an event that finds the
 * record's evaluation running or waiting (e.g. for room in the content ledger) marks it "evaluate
 * again" and returns at once instead of waiting on the lock; the holder evaluates once more, reading
 * the record fresh. `mustRun`: this caller's trigger carries what a rerun cannot (text about to be
 * posted), so it waits its turn as withRecordLock does. Every evaluation of a record key must come
 * through here: a plain withLock holder would not look for the mark.
 */
export function evaluateRecordOnce<T>(octokit: object, key: string, fn: (again: boolean) => Promise<T>, mustRun = false): Promise<Coalesced<T>> {
  return runCoalesced(storeOf(octokit), key, fn, { ttlMs: EVALUATION_LOCK.ttlMs, ...(mustRun ? { waitMs: EVALUATION_LOCK.waitMs } : { holderWaitMs: EVALUATION_LOCK.ttlMs + 5_000 }) });
}

/** The decision of the last run, or null when another holder evaluates the record for this event. */
export const lastOf = <T>(c: Coalesced<T | null>): T | null => (c.ran ? (c.values.at(-1) ?? null) : null);

/** The lock key of a record. */
export const recordKey = (owner: string, repo: string, number: number) => `${owner}/${repo}#${number}`.toLowerCase();
