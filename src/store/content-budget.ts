import type { AreaBounds, Store } from "./store.js";

/** A share of GitHub's content limits (content-creating requests a sliding minute and hour). */
export interface ContentShare {
  perMinute: number;
  perHour: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** One reservation: when, how many content requests, and its id (so its real use can replace the estimate). */
type Charge = [at: number, count: number, id: string];

interface Pace {
  charges: Charge[];
  /** The most one piece of work has cost so far (the next one is reserved at least this). */
  worst: number;
}

const sumSince = (charges: readonly Charge[], since: number) => charges.reduce((n, [t, c]) => (t > since ? n + c : n), 0);

/** Whether `cost` more fits both sliding windows at `nowMs` (pure). */
export function fits(charges: readonly Charge[], nowMs: number, cost: number, share: ContentShare): boolean {
  return sumSince(charges, nowMs - MINUTE_MS) + cost <= share.perMinute && sumSince(charges, nowMs - HOUR_MS) + cost <= share.perHour;
}

/** A reservation taken: settle it with what the work really sent. */
export interface ContentTicket {
  readonly id: string;
  readonly reserved: number;
}

/**
 * One installation's budget of content-creating requests for a kind of work, kept in the store (so
 * every replica sharing it spends one budget): work reserves what it will cost before it starts, and
 * is refused (to be done later) when the last minute's or hour's reservations leave no room in the
 * share. A reservation is at least the costliest piece of work so far, and is replaced by what the
 * work really sent when it settles. Reservations are dated when taken, before the requests they cover
 * are sent, so the share must leave GitHub's limits some room (the rest of the app's work too).
 */
export class ContentBudget {
  readonly #store: Store;
  readonly #area: string;
  readonly #bounds: AreaBounds;
  #seq = 0;

  constructor(store: Store, area: string, bounds: AreaBounds) {
    this.#store = store;
    this.#area = area;
    this.#bounds = bounds;
  }

  #pace() {
    return this.#store.area<Pace>(this.#area, this.#bounds);
  }

  async #read(key: string): Promise<Pace> {
    const p = await this.#pace().get(key);
    return p && Array.isArray(p.charges) ? p : { charges: [], worst: 0 };
  }

  /** Reserves `estimate` (or the costliest work so far, if more) for `key` at `nowMs`; null when the share has no room. */
  async take(key: string, nowMs: number, estimate: number, share: ContentShare): Promise<ContentTicket | null> {
    return this.#store.withLock(`content-budget:${this.#area}:${key}`, async () => {
      const pace = await this.#read(key);
      const cost = Math.max(estimate, pace.worst, 1);
      const charges = pace.charges.filter(([t]) => t > nowMs - HOUR_MS);
      if (!fits(charges, nowMs, cost, share)) return null;
      const id = `${nowMs.toString(36)}-${process.pid.toString(36)}-${(this.#seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      await this.#pace().set(key, { charges: [...charges, [nowMs, cost, id]], worst: pace.worst });
      return { id, reserved: cost };
    });
  }

  /** The work of `ticket` is done and sent `used` content requests: its reservation becomes that (and the costliest so far grows). */
  async settle(key: string, ticket: ContentTicket, used: number): Promise<void> {
    await this.#store.withLock(`content-budget:${this.#area}:${key}`, async () => {
      const pace = await this.#read(key);
      const charges = pace.charges.map((c): Charge => (c[2] === ticket.id ? [c[0], used, c[2]] : c));
      await this.#pace().set(key, { charges, worst: Math.max(pace.worst, used) });
    });
  }

  /** Charges `used` content requests made without a reservation (work that is never deferred, only counted). */
  async charge(key: string, nowMs: number, used: number): Promise<void> {
    if (used <= 0) return;
    await this.#store.withLock(`content-budget:${this.#area}:${key}`, async () => {
      const pace = await this.#read(key);
      const charges = pace.charges.filter(([t]) => t > nowMs - HOUR_MS);
      await this.#pace().set(key, { charges: [...charges, [nowMs, used, `c${(this.#seq++).toString(36)}`]], worst: pace.worst });
    });
  }

  /** Content requests reserved for `key` in the last minute and hour (for logs and tests). */
  async used(key: string, nowMs: number): Promise<{ minute: number; hour: number }> {
    const { charges } = await this.#read(key);
    return { minute: sumSince(charges, nowMs - MINUTE_MS), hour: sumSince(charges, nowMs - HOUR_MS) };
  }
}
