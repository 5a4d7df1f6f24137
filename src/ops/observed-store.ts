import { LockTimeoutError, type Store } from "../store/store.js";
import { metrics } from "./metrics.js";

/**
 * The same store, with the time each `withLock` waited for its lock in `ims_lock_wait_seconds`
 * (outcome "acquired" or "timeout"). A proxy, so the store's own members (a Redis store's `ping`, a
 * memory store's `sizes`) and `instanceof` stay as they were.
 */
export function observeLockWaits<S extends Store>(store: S): S {
  const withLock: Store["withLock"] = async (key, fn, options) => {
    const started = performance.now();
    const waited = () => (performance.now() - started) / 1000;
    let entered = false;
    try {
      return await store.withLock(key, () => {
        entered = true;
        metrics.lockWaitSeconds.observe({ outcome: "acquired" }, waited());
        return fn();
      }, options);
    } catch (err) {
      if (!entered && err instanceof LockTimeoutError) metrics.lockWaitSeconds.observe({ outcome: "timeout" }, waited());
      throw err;
    }
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "withLock") return withLock;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
