/**
 * What the app remembers between events, behind one interface. The in-memory store is the embedded
 * default (one process, no Redis); a Redis store shares the same memory across replicas. Nothing a
 * decision needs for correctness lives only here: that is derived from GitHub. The store holds what
 * saves calls (caches), what drops duplicates (delivery claims) and who may write now (locks).
 *
 * Values must be JSON-serialisable (a Redis store round-trips them through JSON); treat a value read
 * back as read-only.
 */
export interface Store {
  /**
   * A named area with its own bounds. Example:
   * `store.area<true>("deliveries", { maxEntries: 10_000, ttlMs: 24 * 3600_000 })`.
   * Asking twice for one name returns the same area (the first call's bounds hold).
   */
  area<T>(name: string, bounds: AreaBounds): StoreArea<T>;
  /**
   * Takes the lease `key` if nobody holds it, else null. A lease expires after `ttlMs` unless renewed,
   * so a holder that dies never blocks the next one; its `token` grows with every grant (fencing).
   */
  lease(key: string, ttlMs: number): Promise<Lease | null>;
  /**
   * Runs `fn` while holding the lock `key`, waiting (up to `waitMs`, default 60 s) for earlier holders.
   * With Redis the lock is cluster-wide. Example key: "record:acme/web#12".
   */
  withLock<T>(key: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  /**
   * Whether other processes share this store, so a lock's holder may have died (a killed replica)
   * and hold it until its TTL runs out; false for the memory store, whose holders are this process's.
   */
  readonly shared: boolean;
  /**
   * Runs `fn` holding the lock `key` only if nobody holds it now (no waiting): `{ ran: false }` when it
   * is held (by this process or, with Redis, any replica). The lock is the one `withLock` takes.
   */
  tryLock<T>(key: string, fn: () => Promise<T>, options?: Pick<LockOptions, "ttlMs">): Promise<TryLockResult<T>>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** Named limits of an area: how many entries it keeps at most, and for how long by default. */
export interface AreaBounds {
  /** The oldest entries are dropped beyond this (memory store; Redis relies on the TTL). */
  maxEntries: number;
  /** Default time to live of an entry; none means until dropped for room. */
  ttlMs?: number;
}

/** One area of the store: get/set with TTL and set-if-absent. */
export interface StoreArea<T> {
  get(key: string): Promise<T | undefined>;
  /** Sets the value; `ttlMs` overrides the area's default. */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Sets the value only when the key is absent; true when this call set it (a claim). */
  setIfAbsent(key: string, value: T, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** What `tryLock` did: ran `fn` (with its value), or found the lock held and ran nothing. */
export type TryLockResult<T> = { ran: true; value: T } | { ran: false };

/** A granted lease. */
export interface Lease {
  readonly key: string;
  /** Grows with every grant of this key: a writer holding an older token has lost the lease. */
  readonly token: number;
  /** Extends the lease by `ttlMs`; false when it was lost (expired and taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  /** Gives the lease up (only if still held by this grant). */
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long the lock outlives a holder that died (default 30 s); a live holder keeps renewing it. */
  ttlMs?: number;
  /** How long to wait for it (default 60 s); then the call fails with LockTimeoutError. */
  waitMs?: number;
}

/** A lock could not be taken in time. */
export class LockTimeoutError extends Error {
  constructor(readonly key: string, waitedMs: number) {
    super(`the lock "${key}" was still held by another writer after ${waitedMs} ms; the event is retried on redelivery`);
    this.name = "LockTimeoutError";
  }
}
