/**
 * Virtual time for a whole stack (the app, its Octokit throttle and the simulator) in one process: the
 * timers of the process (`setTimeout`, `setInterval`) and `Date.now` are replaced, and time moves only
 * when nothing else can happen: no HTTP request in flight (`fetch` is counted, its body included) and
 * no timer due. Then the clock jumps to the next timer. The requests themselves are real (the app calls
 * the simulator over loopback HTTP); only waiting is skipped. So an hour of Bottleneck spacing and
 * GitHub's Retry-After passes in seconds, in the order it would. The simulator's clock follows it when
 * `sim.clock.follow()` was called (its rate-limit windows then reset on virtual time).
 *
 * Not replaced: `new Date()` without arguments (it still reads the machine's clock; the app reads time
 * from the simulator's clock, Bottleneck and the throttle plugin from `Date.now`), `setImmediate`, and
 * Node's own internal timers (sockets, `AbortSignal.timeout`).
 *
 * @example const vt = VirtualTime.install(Date.parse("2026-03-02T09:00:00Z")); sim.clock.follow(); await vt.runUntil(() => done); vt.uninstall();
 */
interface Timer {
  id: number;
  due: number;
  every: number | null;
  run: () => void;
  ref: boolean;
}

type TimerHandle = { [Symbol.toPrimitive](): number; unref(): TimerHandle; ref(): TimerHandle; hasRef(): boolean; refresh(): TimerHandle };

export class VirtualTime {
  #now: number;
  /** Far above Node's own timer ids, so that a real timer's id is never taken for a virtual one. */
  #seq = 1_000_000_000;
  readonly #handles = new WeakSet<object>();
  readonly #timers = new Map<number, Timer>();
  #inFlight = 0;
  readonly #saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout; setInterval: typeof setInterval; clearInterval: typeof clearInterval; dateNow: typeof Date.now; fetch: typeof fetch };
  /** How many timers fired, and how many real turns of the event loop were waited for quiet. */
  readonly stats = { fired: 0, turns: 0 };
  /** Each time the clock moved (for sampling what a user would see at that moment). */
  onStep: ((now: number) => void) | undefined;

  private constructor(start: number) {
    this.#now = start;
    this.#saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval, dateNow: Date.now, fetch: globalThis.fetch };
  }

  static install(start: number): VirtualTime {
    const vt = new VirtualTime(start);
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => vt.#add(() => fn(...args), ms, false);
    g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => vt.#add(() => fn(...args), ms, true);
    // a timer made before `install` is a real one, and is cleared as such
    g.clearTimeout = (handle: unknown) => (vt.#clear(handle) ? undefined : vt.#saved.clearTimeout(handle as never));
    g.clearInterval = (handle: unknown) => (vt.#clear(handle) ? undefined : vt.#saved.clearInterval(handle as never));
    Date.now = () => vt.#now;
    const realFetch = vt.#saved.fetch;
    g.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      vt.#inFlight++;
      try {
        const res = await realFetch(input, init);
        // the body is read here, so that "in flight" lasts until the whole answer is in
        const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
        const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
        Object.defineProperty(copy, "url", { value: res.url });
        return copy;
      } finally {
        vt.#inFlight--;
      }
    };
    return vt;
  }

  uninstall(): void {
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = this.#saved.setTimeout;
    g.clearTimeout = this.#saved.clearTimeout;
    g.setInterval = this.#saved.setInterval;
    g.clearInterval = this.#saved.clearInterval;
    g.fetch = this.#saved.fetch;
    Date.now = this.#saved.dateNow;
  }

  now(): number {
    return this.#now;
  }

  /** Clears a virtual timer; false when `handle` is not one. */
  #clear(handle: unknown): boolean {
    if (typeof handle === "object" && handle !== null) {
      if (!this.#handles.has(handle)) return false;
      this.#timers.delete(Number(handle));
      return true;
    }
    if (typeof handle === "number" && handle > 1_000_000_000) return this.#timers.delete(handle) || true;
    return false;
  }

  #add(run: () => void, ms: number | undefined, repeat: boolean): TimerHandle {
    const delay = Math.max(1, Math.floor(Number(ms) || 0));
    const id = ++this.#seq;
    const timer: Timer = { id, due: this.#now + delay, every: repeat ? delay : null, run, ref: true };
    this.#timers.set(id, timer);
    const handle: TimerHandle = {
      [Symbol.toPrimitive]: () => id,
      unref: () => ((timer.ref = false), handle),
      ref: () => ((timer.ref = true), handle),
      hasRef: () => timer.ref,
      refresh: () => {
        timer.due = this.#now + delay;
        this.#timers.set(id, timer);
        return handle;
      },
    };
    this.#handles.add(handle);
    return handle;
  }

  /** Real turns of the event loop (each one through its I/O poll) until no request has been in flight for two in a row. */
  async #quiet(): Promise<void> {
    for (let still = 0; still < 2; ) {
      await new Promise((r) => setImmediate(r));
      this.stats.turns++;
      still = this.#inFlight === 0 ? still + 1 : 0;
    }
  }

  /** Waits up to `IDLE_MS` of real time; true when no request and no referenced timer came meanwhile. */
  async #realIdle(): Promise<boolean> {
    const realTimeout = this.#saved.setTimeout;
    for (let waited = 0; waited < VirtualTime.IDLE_MS; waited += 10) {
      await new Promise((r) => realTimeout(r, 10));
      if (this.#inFlight > 0 || [...this.#timers.values()].some((t) => t.ref)) return false;
    }
    return true;
  }

  /** Real milliseconds without any timer or request after which `runUntil` takes the work as stuck. */
  static IDLE_MS = 2_000;

  /**
   * Drives time until `done()` holds (checked whenever all is quiet), or nothing is left to happen
   * (no referenced timer and no request for `IDLE_MS` of real time), or `maxMs` of virtual time
   * passed. Returns whether `done()` held.
   */
  async runUntil(done: () => boolean, maxMs = 24 * 3_600_000): Promise<boolean> {
    const end = this.#now + maxMs;
    for (;;) {
      await this.#quiet();
      if (done()) return true;
      const next = [...this.#timers.values()].reduce<Timer | undefined>((a, t) => (!a || t.due < a.due || (t.due === a.due && t.id < a.id) ? t : a), undefined);
      if (next && next.due > end) return done();
      if (!next || ![...this.#timers.values()].some((t) => t.ref)) {
        // no timer keeps the process alive: work may still be under way off the event loop (a JWT
        // signed on the thread pool); wait in real time for it to set a timer or make a request
        if (await this.#realIdle()) return done();
        continue;
      }
      if (next.due > this.#now) {
        this.#now = next.due;
        this.onStep?.(this.#now);
      }
      if (next.every !== null) next.due += next.every;
      else this.#timers.delete(next.id);
      this.stats.fired++;
      next.run();
    }
  }
}
