import { observeLockWaits } from "../ops/observed-store.js";
import { MemoryStore } from "./memory.js";
import { RedisStore } from "./redis.js";
import type { Store } from "./store.js";

export type { Store, StoreArea, Lease, LockOptions, AreaBounds, TryLockResult } from "./store.js";
export { LockTimeoutError } from "./store.js";
export { MemoryStore } from "./memory.js";
export { RedisStore } from "./redis.js";

export interface StoreFromEnvOptions {
  /** The app's clock (the memory store's TTLs follow it; Redis keeps its own). */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  onLockLost?: (key: string) => void;
  /** Redis connection errors (a call that needs Redis fails on its own; this is for the log). */
  onError?: (err: Error) => void;
}

/**
 * The store the environment asks for: Redis, shared by every replica, when `REDIS_URL` is set (the
 * variable Probot reads for its throttling too), else this process's memory. `IMS_REDIS_PREFIX`
 * separates several apps on one Redis (default "ims:"). Lock waits are measured (/metrics) either way.
 */
export function storeFromEnv(options: StoreFromEnvOptions = {}): Store {
  const env = options.env ?? process.env;
  const url = env.REDIS_URL?.trim();
  if (url) {
    return observeLockWaits(RedisStore.connect(url, {
      ...(env.IMS_REDIS_PREFIX ? { prefix: env.IMS_REDIS_PREFIX } : {}),
      ...(options.onLockLost ? { onLockLost: options.onLockLost } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    }));
  }
  const now = options.now;
  return observeLockWaits(new MemoryStore(now ? () => now().getTime() : Date.now));
}

/**
 * The store an app gets when none is passed: the one place a store is chosen (Redis when `REDIS_URL`
 * is set, else memory). `now` is the app's clock (memory TTLs follow the simulator's clock in tests).
 */
export function defaultStore(now: () => Date, onError?: (err: Error) => void): Store {
  return storeFromEnv({ now, ...(onError ? { onError } : {}) });
}
