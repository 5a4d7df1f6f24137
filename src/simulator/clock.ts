/** A controllable clock: every timestamp the simulator writes comes from here. */
export class Clock {
  #ms: number;

  constructor(start: Date | string | number = Date.now()) {
    this.#ms = new Date(start).getTime();
    if (Number.isNaN(this.#ms)) throw new Error(`Clock: invalid start time ${String(start)}`);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  /** ISO 8601 without milliseconds, the way GitHub writes timestamps. */
  iso(): string {
    return isoSeconds(this.#ms);
  }

  set(date: Date | string | number): void {
    const ms = new Date(date).getTime();
    if (Number.isNaN(ms)) throw new Error(`Clock.set: invalid time ${String(date)}`);
    this.#ms = ms;
  }

  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
