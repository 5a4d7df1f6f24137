import { LockTimeoutError, type AreaBounds, type Lease, type LockOptions, type Store, type StoreArea, type TryLockResult } from "./store.js";

const DEFAULT_LOCK_WAIT_MS = 60_000;

interface Entry<T> {
  value: T;
  /** Epoch ms after which the entry is gone; Infinity for none. */
  until: number;
}

/** One area in memory: a Map in insertion order, so the oldest entries are the first dropped. */
class MemoryArea<T> implements StoreArea<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(private readonly bounds: AreaBounds, private readonly clock: () => number) {}

  async get(key: string): Promise<T | undefined> {
    return this.live(key)?.value;
  }
  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    this.put(key, value, ttlMs);
  }
  async setIfAbsent(key: string, value: T, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, value, ttlMs);
    return true;
  }
  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
  /** Entries held now (expired ones may still count until touched). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry<T> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
  private put(key: string, value: T, ttlMs?: number): void {
    const ttl = ttlMs ?? this.bounds.ttlMs;
    this.entries.delete(key); // re-inserting moves it to the newest end
    this.entries.set(key, { value, until: ttl === undefined ? Infinity : this.clock() + ttl });
    while (this.entries.size > this.bounds.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * The embedded default store: one process's memory, bounded per area. A restart forgets it all,
 * which costs calls, never correctness.
 */
export class MemoryStore implements Store {
  readonly shared = false;
  private readonly areas = new Map<string, MemoryArea<unknown>>();
  private readonly leases = new Map<string, { token: number; until: number }>();
  private readonly tokens = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  /** `clock` is epoch ms (TTL and lease expiry); defaults to the wall clock. */
  constructor(private readonly clock: () => number = Date.now) {}

  area<T>(name: string, bounds: AreaBounds): StoreArea<T> {
    let a = this.areas.get(name);
    if (!a) {
      a = new MemoryArea<unknown>(bounds, this.clock);
      this.areas.set(name, a);
    }
    return a as MemoryArea<T>;
  }

  /** Entries per area, for metrics and the memory benchmark. */
  sizes(): Record<string, number> {
    return Object.fromEntries([...this.areas].map(([name, a]) => [name, a.size]));
  }

  async lease(key: string, ttlMs: number): Promise<Lease | null> {
    const held = this.leases.get(key);
    if (held && held.until > this.clock()) return null;
    const token = (this.tokens.get(key) ?? 0) + 1;
    this.tokens.set(key, token);
    this.leases.set(key, { token, until: this.clock() + ttlMs });
    return {
      key,
      token,
      renew: async (ms: number) => {
        const now = this.leases.get(key);
        if (!now || now.token !== token || now.until <= this.clock()) return false;
        now.until = this.clock() + ms;
        return true;
      },
      release: async () => {
        if (this.leases.get(key)?.token !== token) return;
        this.leases.delete(key);
      },
    };
  }

  /**
   * In one process a holder cannot die and leave the lock behind, so the lock is a queue of promises
   * (the holder's TTL does not apply); waiting longer than `waitMs` fails with LockTimeoutError.
   */
  async withLock<T>(key: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const wait = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    const before = this.tails.get(key) ?? Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), wait);
      timer.unref?.();
    });
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    try {
      if ((await Promise.race([before.then(() => "ready" as const), timedOut])) === "timeout") throw new LockTimeoutError(key, wait);
      return await fn();
    } finally {
      clearTimeout(timer);
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Held means queued for: a holder or a waiter already has the key's tail. */
  async tryLock<T>(key: string, fn: () => Promise<T>): Promise<TryLockResult<T>> {
    if (this.tails.has(key)) return { ran: false };
    // withLock claims the tail synchronously, before its first await: no other caller gets in between
    return { ran: true, value: await this.withLock(key, fn) };
  }

  async close(): Promise<void> {
    this.areas.clear();
    this.leases.clear();
  }
}
