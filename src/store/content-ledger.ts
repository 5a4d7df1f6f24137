import { AREAS, CONTENT_NOTIFY_SPACING_MS, CONTENT_PACE_TTL_MS, CONTENT_SLACK_MS, CONTENT_SPACING_MS, GITHUB_CONTENT_PER_HOUR, GITHUB_CONTENT_PER_MINUTE } from "./areas.js";
import type { Store } from "./store.js";

/** A number of content-creating requests a sliding minute and a sliding hour. */
export interface ContentShare {
  perMinute: number;
  perHour: number;
}

/** GitHub's content limits for one installation ("About secondary rate limits"). */
export const GITHUB_CONTENT: ContentShare = { perMinute: GITHUB_CONTENT_PER_MINUTE, perHour: GITHUB_CONTENT_PER_HOUR };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A reservation of deferrable work: when, how many content requests, its id. */
type Hold = [at: number, count: number, id: string];

/** One installation's ledger. */
interface Ledger {
  /** When each content-creating request was (or is booked to be) sent, ascending; the last hour's and the future's. */
  sent: number[];
  /** Reservations of deferrable work not settled yet. */
  holds: Hold[];
  /** Per kind of deferrable work, the most one piece of it has cost so far. */
  worst: Record<string, number>;
  /** When the last request that notifies people was booked. */
  lastNotify?: number;
}

/** How a ledger books: GitHub's limits, the slack on their windows, and the spacing of writes. */
export interface LedgerOptions {
  limits?: ContentShare;
  slackMs?: number;
  /** Between two content requests (GitHub: "wait at least one second between each request"). */
  spacingMs?: number;
  /** Between two that notify people (comments, issues, pull requests: the throttle plugin's 3 s). */
  notifySpacingMs?: number;
}

const DEFAULTS: Required<LedgerOptions> = { limits: GITHUB_CONTENT, slackMs: CONTENT_SLACK_MS, spacingMs: CONTENT_SPACING_MS, notifySpacingMs: CONTENT_NOTIFY_SPACING_MS };

/**
 * The earliest moment at or after `nowMs` a request may be sent without passing the limits in any
 * sliding minute or hour, given the requests sent or booked (`sent`, ascending) (pure). Booked in
 * order (never before the last booking), so only the window ending at that moment needs checking;
 * the slack is left on top of each window (a request reaches GitHub a little after its booked
 * moment). Spaced as the throttle plugin spaces writes, so that it does not delay them further
 * (a request sent later than booked could land in a window the ledger thought it had left).
 */
export function earliestSlot(sent: readonly number[], nowMs: number, options: LedgerOptions = {}, lastNotify?: number): number {
  const o = { ...DEFAULTS, ...options };
  const n = sent.length;
  const last = sent[n - 1];
  let at = Math.max(nowMs, last === undefined ? nowMs : last + o.spacingMs);
  if (lastNotify !== undefined) at = Math.max(at, lastNotify + o.notifySpacingMs);
  const minuteOld = sent[n - o.limits.perMinute];
  if (minuteOld !== undefined) at = Math.max(at, minuteOld + MINUTE_MS + o.slackMs);
  const hourOld = sent[n - o.limits.perHour];
  if (hourOld !== undefined) at = Math.max(at, hourOld + HOUR_MS + o.slackMs);
  return at;
}

/**
 * Whether work costing `cost` may start with `minute` and `hour` content requests already in the
 * windows (pure). An empty window always lets one piece start, so a share smaller than one piece of
 * work still moves (one a minute, one an hour).
 */
export function fitsShare(minute: number, hour: number, cost: number, share: ContentShare): boolean {
  if (hour > 0 && hour + cost > share.perHour) return false;
  return minute === 0 || minute + cost <= share.perMinute;
}

/** A reservation taken: settle it when the work is done. */
export interface ContentTicket {
  readonly id: string;
  readonly kind: string;
  readonly reserved: number;
}

/** What the ledger holds for an installation at a moment (for logs, metrics and tests). */
export interface ContentUse {
  /** Requests sent or booked in the last minute (booked ones ahead of now included) and held for deferrable work. */
  minute: number;
  hour: number;
  /** Requests booked ahead of now (waiting for room). */
  ahead: number;
}

const count = (sent: readonly number[], since: number) => {
  let n = 0;
  for (let i = sent.length - 1; i >= 0 && sent[i]! > since; i--) n++;
  return n;
};

/** Enters `n` requests at `at` into `sent`, kept ascending (one counted without pacing may be earlier than one booked ahead). */
function enter(sent: number[], at: number, n: number): void {
  let i = sent.length;
  while (i > 0 && sent[i - 1]! > at) i--;
  sent.splice(i, 0, ...Array.from({ length: n }, () => at));
}

/**
 * One installation's content-creating requests (POST, PATCH, PUT, DELETE), kept in the store so
 * that every replica sharing it (Redis) spends one budget: GitHub's 80 a minute and 500 an hour.
 * Two users of one ledger:
 * - the installation's GitHub client books every content request before sending it
 *   (src/github/content-pacing.ts): at once when the windows have room, else at the earliest moment
 *   they will (and waits till then), so the app never sends into a secondary-limit 403;
 * - deferrable work (onboarding repositories, opening security-alert records) takes a reservation
 *   against a share of the same windows before it starts, and is refused (done later) when what was
 *   sent, booked and reserved leaves no room in its share; the rest of the limits stay for the app's
 *   other work. A reservation is at least the costliest piece of that kind so far; it is dropped when
 *   the work settles (its requests are in the ledger by then, booked by the client), so until then
 *   they count twice: the share errs on the side of room for the rest.
 */
export class ContentLedger {
  readonly #store: Store;
  readonly #options: Required<LedgerOptions>;
  #seq = 0;

  constructor(store: Store, options: LedgerOptions = {}) {
    this.#store = store;
    this.#options = { ...DEFAULTS, ...options };
  }

  #area() {
    return this.#store.area<Ledger>("contentLedger", AREAS.contentLedger);
  }

  async #read(key: string, nowMs: number): Promise<Ledger> {
    const l = await this.#area().get(key);
    if (!l || !Array.isArray(l.sent) || !Array.isArray(l.holds)) return { sent: [], holds: [], worst: {} };
    // what left the hour no longer counts; the TTL drops a ledger nobody wrote to for an hour
    const since = nowMs - HOUR_MS - this.#options.slackMs;
    const first = l.sent.findIndex((t) => t > since);
    return { sent: first < 0 ? [] : l.sent.slice(first), holds: l.holds.filter(([t]) => t > since), worst: l.worst ?? {}, ...(l.lastNotify !== undefined ? { lastNotify: l.lastNotify } : {}) };
  }

  /** Kept an hour past its last booking (which may lie ahead of now). */
  #write(key: string, ledger: Ledger, nowMs: number): Promise<void> {
    const last = Math.max(nowMs, ledger.sent.at(-1) ?? nowMs);
    return this.#area().set(key, ledger, last - nowMs + CONTENT_PACE_TTL_MS);
  }

  #locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#store.withLock(`content-ledger:${key}`, fn);
  }

  /**
   * Books one content request of `key`: at `nowMs` if the windows have room (and the last request
   * was long enough ago), else at the earliest moment they will. `notifies`: it notifies people. With `pace` false it is booked at `nowMs` whatever the windows say (a client
   * that does not wait: it is only counted). Not booked when that moment is after `latestMs`: then
   * `refusedUntil` says when it would have been.
   */
  async book(key: string, nowMs: number, options: { pace?: boolean; latestMs?: number; notifies?: boolean } = {}): Promise<{ at: number } | { refusedUntil: number }> {
    return this.#locked(key, async () => {
      const ledger = await this.#read(key, nowMs);
      const at = options.pace === false ? nowMs : earliestSlot(ledger.sent, nowMs, this.#options, options.notifies ? ledger.lastNotify : undefined);
      if (at > (options.latestMs ?? Number.POSITIVE_INFINITY)) return { refusedUntil: at };
      enter(ledger.sent, at, 1);
      if (options.notifies) ledger.lastNotify = Math.max(ledger.lastNotify ?? at, at);
      await this.#write(key, ledger, nowMs);
      return { at };
    });
  }

  #use(ledger: Ledger, nowMs: number): ContentUse {
    const held = (since: number) => ledger.holds.reduce((n, [t, c]) => (t > since ? n + c : n), 0);
    return {
      minute: count(ledger.sent, nowMs - MINUTE_MS) + held(nowMs - MINUTE_MS),
      hour: count(ledger.sent, nowMs - HOUR_MS) + held(nowMs - HOUR_MS),
      ahead: count(ledger.sent, nowMs),
    };
  }

  /**
   * Reserves room for a piece of deferrable `kind` of work costing about `estimate` (or the
   * costliest of its kind so far, if more) within `share`; null when the share has no room now.
   */
  async take(key: string, nowMs: number, kind: string, estimate: number, share: ContentShare): Promise<ContentTicket | null> {
    return this.#locked(key, async () => {
      const ledger = await this.#read(key, nowMs);
      const cost = Math.max(estimate, ledger.worst[kind] ?? 0, 1);
      const use = this.#use(ledger, nowMs);
      if (!fitsShare(use.minute, use.hour, cost, share)) return null;
      const id = `${nowMs.toString(36)}-${process.pid.toString(36)}-${(this.#seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      ledger.holds.push([nowMs, cost, id]);
      await this.#write(key, ledger, nowMs);
      return { id, kind, reserved: cost };
    });
  }

  /**
   * The work of `ticket` is done and sent `used` content requests: its reservation is dropped, and
   * the costliest of its kind grows. Its requests were booked by the installation's client; with
   * `booked` false (a client the app did not make) they are entered now.
   */
  async settle(key: string, ticket: ContentTicket, used: number, nowMs: number, booked = true): Promise<void> {
    await this.#locked(key, async () => {
      const ledger = await this.#read(key, nowMs);
      ledger.holds = ledger.holds.filter(([, , id]) => id !== ticket.id);
      if (!booked) enter(ledger.sent, nowMs, used);
      ledger.worst[ticket.kind] = Math.max(ledger.worst[ticket.kind] ?? 0, used);
      await this.#write(key, ledger, nowMs);
    });
  }

  /** Enters `used` content requests sent at `nowMs` by a client that does not book its own (a script's, a unit test's). */
  async count(key: string, nowMs: number, used: number): Promise<void> {
    if (used <= 0) return;
    await this.#locked(key, async () => {
      const ledger = await this.#read(key, nowMs);
      enter(ledger.sent, nowMs, used);
      await this.#write(key, ledger, nowMs);
    });
  }

  /** When a piece of `kind` costing `estimate` fits `share` at the earliest, if nothing more is sent (for the log); null if now. */
  async nextRoom(key: string, nowMs: number, kind: string, estimate: number, share: ContentShare): Promise<number | null> {
    const ledger = await this.#read(key, nowMs);
    const cost = Math.max(estimate, ledger.worst[kind] ?? 0, 1);
    const fitsAt = (t: number) => {
      const use = this.#use(ledger, t);
      return fitsShare(use.minute, use.hour, cost, share);
    };
    if (fitsAt(nowMs)) return null;
    // a window frees room when an entry leaves it: the first such moment that fits
    const times = [...ledger.sent, ...ledger.holds.map(([t]) => t)];
    const moments = times.flatMap((t) => [t + MINUTE_MS + 1, t + HOUR_MS + 1]).filter((t) => t > nowMs).sort((a, b) => a - b);
    return moments.find(fitsAt) ?? null;
  }

  /** The installation's use at `nowMs`. */
  async used(key: string, nowMs: number): Promise<ContentUse> {
    return this.#use(await this.#read(key, nowMs), nowMs);
  }
}
