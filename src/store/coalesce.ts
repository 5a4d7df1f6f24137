import { AREAS } from "./areas.js";
import { LockTimeoutError, type Store } from "./store.js";

/** How many times a holder evaluates again for events that arrived while it ran, before leaving the rest to the next event or sweep. */
export const MAX_RERUNS = 3;

/** What a coalesced run did: ran `fn` (every value, first run first), or left it to the running holder. */
export type Coalesced<T> = { ran: true; values: T[] } | { ran: false };

export interface CoalesceOptions {
  /** The lock's TTL (see LockOptions). */
  ttlMs?: number;
  /** Set: the first run waits this long for the lock (LockTimeoutError after) instead of leaving it to the holder. */
  waitMs?: number;
  /**
   * Otherwise: how long an event that found the lock held waits for it before leaving its run to the
   * holder. A holder that died frees the lock when its TTL runs out, so the waiter runs itself (the
   * dead holder would never run again); a live holder renews its lock, so a wait that times out leaves
   * the event to the holder's rerun. Only on a shared store (a memory store's holder cannot have
   * died). Default: none (leave it to the holder at once).
   */
  holderWaitMs?: number;
}

/**
 * Runs `fn` under the lock `key` unless a holder already runs (or waits to run) it, in which case it
 * marks the key "evaluate again" and returns at once: the holder runs `fn` once more after its run.
 * For work that reads its state fresh (an evaluation of a record), where N events arriving during one
 * run need one more run, not N waits on the lock (each of which may time out behind a slow write).
 * Holds across replicas on a shared store: the mark and the lock are both in it.
 *
 * With `holderWaitMs`, an event that found the lock held waits that long for it first (see there), so
 * a holder that died (a replica killed mid-evaluation) loses no event.
 *
 * No interleaving loses an event: the mark is set before the try, the holder clears it before it
 * reads (inside the lock), and looks for it again after releasing. An event arriving after that look
 * finds the lock free and runs itself. After MAX_RERUNS the mark is left for the next arrival.
 * `fn(again)`: `again` is true for a rerun (the trigger's payload is then stale).
 */
export async function runCoalesced<T>(store: Store, key: string, fn: (again: boolean) => Promise<T>, options: CoalesceOptions = {}): Promise<Coalesced<T>> {
  const marks = store.area<true>("evaluateAgain", AREAS.evaluateAgain);
  await marks.set(key, true);
  const values: T[] = [];
  for (let run = 0; run <= MAX_RERUNS; run++) {
    const again = run > 0;
    const body = async () => {
      await marks.delete(key);
      return fn(again);
    };
    // a caller that must run itself (its trigger carries what a rerun cannot) waits its turn
    const tried = run === 0 && options.waitMs !== undefined
      ? { ran: true as const, value: await store.withLock(key, body, { waitMs: options.waitMs, ...(options.ttlMs ? { ttlMs: options.ttlMs } : {}) }) }
      : await store.tryLock(key, body, options.ttlMs ? { ttlMs: options.ttlMs } : {});
    if (!tried.ran && run === 0 && options.holderWaitMs !== undefined && store.shared) {
      // wait for the holder: a dead one's lock expires and this event runs itself, unless a run that
      // began after its mark (which cleared the mark) covers it; a live holder's rerun covers it
      let waited: { covered: true } | { covered: false; value: T };
      try {
        waited = await store.withLock(key, async () => ((await marks.get(key)) === undefined ? { covered: true as const } : { covered: false as const, value: await body() }), {
          waitMs: options.holderWaitMs,
          ...(options.ttlMs ? { ttlMs: options.ttlMs } : {}),
        });
      } catch (e) {
        if (e instanceof LockTimeoutError) return { ran: false };
        throw e;
      }
      if (waited.covered) return { ran: false };
      values.push(waited.value);
      if ((await marks.get(key)) === undefined) break;
      continue;
    }
    if (!tried.ran) return values.length ? { ran: true, values } : { ran: false };
    values.push(tried.value);
    if ((await marks.get(key)) === undefined) break;
  }
  return { ran: true, values };
}
