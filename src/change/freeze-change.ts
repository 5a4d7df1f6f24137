import { activeFreezes, freezeInstants, type FreezeConfig } from "./freeze.js";

/** What the app last saw of a repository's freezes: the windows in force, and when it looked. */
export interface FreezeSeen {
  /** The windows in force then (`start..end` ISO pairs, sorted, space-separated; "" for none). */
  state: string;
  /** Epoch ms of the look. */
  at: number;
}

/** The windows in force at `now`, as one comparable string. */
export function freezeState(freezes: readonly FreezeConfig[], now: Date): string {
  return activeFreezes([...freezes], now).active.map((f) => `${f.start}..${f.end}`).sort().join(" ");
}

/**
 * Whether the open change pull requests must be evaluated again because a change freeze started or
 * ended (pure). Decided from the config, `now` and what was last seen, so an instance that never saw
 * a freeze start still re-checks when it ends:
 * - with a last look known: when the windows in force differ, or a window started or ended since;
 * - with none (a fresh store): when a window is in force now, or one started or ended within
 *   `lookbackMs` (it may have just ended while no instance looked).
 */
export function freezeRecheckDue(freezes: readonly FreezeConfig[], now: Date, seen: FreezeSeen | undefined, lookbackMs: number): { due: boolean; state: string } {
  const state = freezeState(freezes, now);
  const t = now.getTime();
  const since = seen ? seen.at : t - lookbackMs;
  const crossed = freezeInstants(freezes).some((w) => [w.start, w.end].some((b) => b > since && b <= t));
  return { due: crossed || (seen ? state !== seen.state : state !== ""), state };
}
