import { MemoryStore } from "./memory.js";
import type { Store } from "./store.js";

export type { AreaBounds, Lease, LockOptions, Store, StoreArea } from "./store.js";
export { LockTimeoutError } from "./store.js";
export { MemoryStore } from "./memory.js";

/**
 * The store an app gets when none is passed: the one place a store is chosen, so a shared store
 * (e.g. Redis from the environment) is wired here and nowhere else. `now` is the app's clock (TTLs
 * follow the simulator's clock in tests).
 */
export function defaultStore(now: () => Date): Store {
  return new MemoryStore(() => now().getTime());
}
