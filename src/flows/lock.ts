/**
 * Per-record mutex inside this process: a sweep and a webhook (or two webhooks) never evaluate the
 * same record at once here. Across instances, decisions derive from GitHub state and the once-comments
 * are deduplicated after posting.
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier holder of `key` finished. Example key: "acme/web#12". */
export async function withRecordLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** The lock key of a record. */
export const recordKey = (owner: string, repo: string, number: number) => `${owner}/${repo}#${number}`.toLowerCase();
