import { Redis } from "ioredis";
import { Mutex, TimeoutError } from "redis-semaphore";
import { LockTimeoutError, type AreaBounds, type Lease, type LockOptions, type Store, type StoreArea, type TryLockResult } from "./store.js";

const DEFAULT_LOCK_TTL_MS = 30_000;
const DEFAULT_LOCK_WAIT_MS = 60_000;
/** How often a waiter asks for a held lock again: short enough not to idle, long enough not to hammer Redis. */
const LOCK_RETRY_MS = 25;

/*
 * A lease is granted, renewed and released in one script each, so no other replica can act between
 * the check and the change. The token key is never expired: tokens keep growing across grants
 * (fencing), even after every holder has gone.
 */
const GRANT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return token`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * redis-semaphore refreshes a held lock from a timer and lets a failed refresh (Redis unreachable for
 * a moment) reject unhandled, which ends a Node process. A refresh that could not reach Redis counts
 * as done: if the lock did expire meanwhile, the next refresh finds it gone and reports it lost.
 */
class SafeMutex extends Mutex {
  constructor(redis: Redis, key: string, options: ConstructorParameters<typeof Mutex>[2], private readonly onError: (err: Error) => void) {
    super(redis, key, options);
  }
  protected override async _refresh(): Promise<boolean> {
    try {
      return await super._refresh();
    } catch (err) {
      this.onError(err as Error);
      return true;
    }
  }
}

export interface RedisStoreOptions {
  /** Put before every key, so that several apps (or tests) can share one Redis. Default "ims:". */
  prefix?: string;
  /** Called when a held lock expired before its holder finished (Redis lost it, or the holder stalled). */
  onLockLost?: (key: string) => void;
  /** Connection errors of a store made by `connect` (logged by the caller; calls fail on their own). */
  onError?: (err: Error) => void;
}

/** One area: keys under `{prefix}area:{name}:`, values as JSON; Redis expires them (maxEntries is left to the TTL). */
class RedisArea<T> implements StoreArea<T> {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly bounds: AreaBounds) {}

  async get(key: string): Promise<T | undefined> {
    const text = await this.redis.get(this.prefix + key);
    return text === null ? undefined : (JSON.parse(text) as T);
  }
  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    const ttl = ttlMs ?? this.bounds.ttlMs;
    const json = toJson(value);
    if (ttl === undefined) await this.redis.set(this.prefix + key, json);
    else await this.redis.set(this.prefix + key, json, "PX", ttlOf(ttl));
  }
  async setIfAbsent(key: string, value: T, ttlMs?: number): Promise<boolean> {
    const ttl = ttlMs ?? this.bounds.ttlMs;
    const json = toJson(value);
    const reply = ttl === undefined
      ? await this.redis.set(this.prefix + key, json, "NX")
      : await this.redis.set(this.prefix + key, json, "PX", ttlOf(ttl), "NX");
    return reply === "OK";
  }
  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`the store keeps JSON values only, not ${typeof value}`);
  return json;
}

/** Redis refuses a PX of 0 or less; an entry that should already be gone lives one millisecond. */
const ttlOf = (ms: number): number => Math.max(1, Math.ceil(ms));

/**
 * The store of a cluster: every replica that points at one Redis shares its areas, leases and locks.
 * Times to live are Redis's (its clock, not the app's `now`), which is what replicas must agree on.
 * Locks are redis-semaphore mutexes (SET NX PX with a random owner, released and refreshed by Lua):
 * a holder that dies frees the lock after its TTL, one that lives keeps it refreshed until it is done.
 */
export class RedisStore implements Store {
  readonly shared = true;
  private readonly prefix: string;
  private readonly areas = new Map<string, RedisArea<unknown>>();

  constructor(readonly redis: Redis, private readonly options: RedisStoreOptions = {}) {
    this.prefix = options.prefix ?? "ims:";
  }

  /** A store on its own connection to `url` (redis://host:port/db). */
  static connect(url: string, options: RedisStoreOptions = {}): RedisStore {
    // an unreachable Redis fails a call after two reconnection attempts instead of holding the event for ever
    const redis = new Redis(url, { maxRetriesPerRequest: 2 });
    // without a listener ioredis prints every failed reconnection as an unhandled error
    redis.on("error", (err: Error) => options.onError?.(err));
    return new RedisStore(redis, options);
  }

  area<T>(name: string, bounds: AreaBounds): StoreArea<T> {
    let a = this.areas.get(name);
    if (!a) {
      a = new RedisArea<unknown>(this.redis, `${this.prefix}area:${name}:`, bounds);
      this.areas.set(name, a);
    }
    return a as RedisArea<T>;
  }

  async lease(key: string, ttlMs: number): Promise<Lease | null> {
    const leaseKey = `${this.prefix}lease:${key}`;
    const granted = (await this.redis.eval(GRANT, 2, leaseKey, `${this.prefix}lease-token:${key}`, ttlOf(ttlMs))) as number | null;
    if (granted === null) return null;
    const token = Number(granted);
    return {
      key,
      token,
      renew: async (ms: number) => Number(await this.redis.eval(RENEW, 1, leaseKey, String(token), ttlOf(ms))) === 1,
      release: async () => {
        await this.redis.eval(RELEASE, 1, leaseKey, String(token));
      },
    };
  }

  private mutex(key: string, ttlMs: number, waitMs: number, attempts = Number.POSITIVE_INFINITY): SafeMutex {
    return new SafeMutex(this.redis, `${this.prefix}lock:${key}`, {
      lockTimeout: ttlMs,
      // renewed every third of the TTL (the library's default is 80%): a holder's event loop may stall
      // for two thirds of it before the lock lapses, while a dead holder still frees it within the TTL
      refreshInterval: Math.max(1, Math.round(ttlMs / 3)),
      acquireTimeout: waitMs,
      acquireAttemptsLimit: attempts,
      retryInterval: LOCK_RETRY_MS,
      // the library's default throws from a timer, which would end the process
      onLockLost: () => this.options.onLockLost?.(key),
    }, (err) => this.options.onError?.(err));
  }

  async withLock<T>(key: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    const mutex = this.mutex(key, ttlMs, waitMs);
    try {
      await mutex.acquire();
    } catch (err) {
      if (err instanceof TimeoutError) throw new LockTimeoutError(key, waitMs);
      throw err;
    }
    try {
      return await fn();
    } finally {
      // a release that cannot reach Redis leaves the lock to its TTL; it must not hide fn's outcome
      await mutex.release().catch((err: Error) => this.options.onError?.(err));
    }
  }

  async tryLock<T>(key: string, fn: () => Promise<T>, options: Pick<LockOptions, "ttlMs"> = {}): Promise<TryLockResult<T>> {
    // one SET NX: the library's loop ends on its deadline before trying when that is 0, so a single attempt it is
    const mutex = this.mutex(key, options.ttlMs ?? DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, 1);
    if (!(await mutex.tryAcquire())) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await mutex.release().catch((err: Error) => this.options.onError?.(err));
    }
  }

  /** Answers PING (readiness). */
  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.areas.clear();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
