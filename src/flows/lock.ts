import { storeOf } from "../github/store-of.js";
import { EVALUATION_LOCK } from "../store/areas.js";

/**
 * Per-record lock in the app's store (bound to the event's Octokit): a sweep and a webhook (or two
 * webhooks) never evaluate the same record at once; with a shared store, not across instances either.
 * Without one, decisions still derive from GitHub state and once-comments are deduplicated after posting.
 * Example key: "acme/web#12".
 */
export function withRecordLock<T>(octokit: object, key: string, fn: () => Promise<T>): Promise<T> {
  return storeOf(octokit).withLock(key, fn, EVALUATION_LOCK);
}

/** The lock key of a record. */
export const recordKey = (owner: string, repo: string, number: number) => `${owner}/${repo}#${number}`.toLowerCase();
