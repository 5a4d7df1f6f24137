/**
 * A controllable clock: every timestamp the simulator writes, and every rate-limit window it counts,
 * comes from here. It stands still unless set or advanced; after `follow()` it also moves with the
 * process's clock (`Date.now`, which fake timers move), so a virtual clock that drives the app's
 * timers drives the simulator's windows with it: an hour of fake time resets the hourly limits.
 */
export class Clock {
  #ms: number;
  #source: (() => number) | null = null;
  /** The source's reading when `#ms` was last set. */
  #at = 0;

  constructor(start: Date | string | number = Date.now()) {
    this.#ms = new Date(start).getTime();
    if (Number.isNaN(this.#ms)) throw new Error(`Clock: invalid start time ${String(start)}`);
  }

  #current(): number {
    return this.#source ? this.#ms + (this.#source() - this.#at) : this.#ms;
  }

  now(): Date {
    return new Date(this.#current());
  }

  /** ISO 8601 without milliseconds, the way GitHub writes timestamps. */
  iso(): string {
    return isoSeconds(this.#current());
  }

  set(date: Date | string | number): void {
    const ms = new Date(date).getTime();
    if (Number.isNaN(ms)) throw new Error(`Clock.set: invalid time ${String(date)}`);
    this.#ms = ms;
    this.#at = this.#source?.() ?? 0;
  }

  advance(ms: number): Date {
    this.#ms = this.#current() + ms;
    this.#at = this.#source?.() ?? 0;
    return this.now();
  }

  /**
   * From now on the clock moves as `source` does (default `Date.now`, read at each call, so fake
   * timers that replace it move it too), from the time it shows now; `set` and `advance` still work.
   * `follow(null)` stops it again.
   */
  follow(source: (() => number) | null = () => Date.now()): void {
    this.#ms = this.#current();
    this.#source = source;
    this.#at = source?.() ?? 0;
  }
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
