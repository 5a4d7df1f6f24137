import { MemoryStore, type Store, type StoreArea } from "../store/index.js";
import { AREAS, type AreaName } from "../store/areas.js";

/**
 * The store travels with the Octokit of an event (the guard and the sweep bind the app's store to
 * it), so the GitHub layer's caches and locks reach the app's store without every flow passing it on.
 */
const STORE = Symbol.for("ims-bot.store");

type Carrier = { [STORE]?: Store };

/** Binds the app's store to an Octokit (per event, per sweep); returns the Octokit. */
export function bindStore<O extends object>(octokit: O, store: Store): O {
  (octokit as Carrier)[STORE] = store;
  return octokit;
}

/**
 * The store bound to this Octokit. An Octokit the app did not bind (a script, a unit test) gets a
 * store of its own, so its memory lives and dies with that client and never with the module.
 */
export function storeOf(octokit: object): Store {
  const c = octokit as Carrier;
  return (c[STORE] ??= new MemoryStore());
}

/** One named area of the store bound to this Octokit, with its bounds from src/store/areas.ts. */
export function areaOf<T>(octokit: object, name: AreaName): StoreArea<T> {
  return storeOf(octokit).area<T>(name, AREAS[name]);
}
