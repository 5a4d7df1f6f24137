import { storeOf } from "./store-of.js";

/** Where the reads in flight of one app live: on its store, so two apps in one process share none. */
const IN_FLIGHT = Symbol.for("ims-bot.reads-in-flight");

type Carrier = { [IN_FLIGHT]?: Map<string, Promise<unknown>> };

/**
 * One read in flight per key and app: concurrent events of one repository (a burst of a bulk edit)
 * wait for the read the first of them started instead of each missing the same cache and reading it
 * again. Only while in flight: what is kept afterwards is the caller's cache (and its TTL). A failed
 * read fails every waiter, and the next caller reads again.
 * Example key: "labels:acme/web".
 */
export function sharedRead<T>(octokit: object, key: string, read: () => Promise<T>): Promise<T> {
  const carrier = storeOf(octokit) as unknown as Carrier;
  const inFlight = (carrier[IN_FLIGHT] ??= new Map());
  const pending = inFlight.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const started = read().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
