import { afterEach, expect, it } from "vitest";
import { MAX_RERUNS, runCoalesced } from "../../src/store/coalesce.js";
import { ContentLedger } from "../../src/store/content-ledger.js";
import { LockTimeoutError, type Store } from "../../src/store/store.js";

/** One store under test, with a way to let time pass for its TTLs (a fake clock, or Redis's own). */
export interface StoreUnderTest {
  store: Store;
  /** Lets at least `ms` pass for the store's expiry. */
  pass(ms: number): Promise<void>;
  /** A second handle on the same store (another replica); the memory store has only itself. */
  replica?: () => Store;
}

/**
 * What every Store promises, whatever holds it. Run by the memory and the Redis store alike, so the
 * app can rely on one behaviour in one process and in a cluster.
 */
export function storeContract(make: () => Promise<StoreUnderTest>): void {
  const opened: Store[] = [];
  const open = async (): Promise<StoreUnderTest> => {
    const s = await make();
    opened.push(s.store);
    return s;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it("gives back what was set, as JSON, until it is deleted", async () => {
    const { store } = await open();
    const a = store.area<{ n: number; tags: string[] }>("cache", { maxEntries: 100, ttlMs: 60_000 });
    expect(await a.get("k")).toBeUndefined();
    await a.set("k", { n: 1, tags: ["p1"] });
    expect(await a.get("k")).toEqual({ n: 1, tags: ["p1"] });
    await a.set("k", { n: 2, tags: [] });
    expect(await a.get("k")).toEqual({ n: 2, tags: [] });
    await a.delete("k");
    expect(await a.get("k")).toBeUndefined();
  });

  it("keeps two areas apart even when their keys are the same", async () => {
    const { store } = await open();
    const a = store.area<string>("a", { maxEntries: 10 });
    const b = store.area<string>("b", { maxEntries: 10 });
    await a.set("k", "in a");
    expect(await b.get("k")).toBeUndefined();
    expect(await b.setIfAbsent("k", "in b")).toBe(true);
    expect(await a.get("k")).toBe("in a");
  });

  it("forgets an entry after its time to live (the area's default or the call's own)", async () => {
    const { store, pass } = await open();
    const a = store.area<number>("ttl", { maxEntries: 10, ttlMs: 40 });
    await a.set("short", 1);
    await a.set("long", 2, 600_000);
    await pass(120);
    expect(await a.get("short")).toBeUndefined();
    expect(await a.get("long")).toBe(2);
  });

  it("lets only the first of two claims of one key through, and a claim again once it expired", async () => {
    const { store, pass } = await open();
    const d = store.area<true>("deliveries", { maxEntries: 100, ttlMs: 600_000 });
    const both = await Promise.all([d.setIfAbsent("d1", true), d.setIfAbsent("d1", true)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await d.setIfAbsent("d2", true, 40)).toBe(true);
    await pass(120);
    expect(await d.setIfAbsent("d2", true)).toBe(true);
  });

  it("grants a lease once until it expires, then to the next holder with a larger token", async () => {
    const { store, pass } = await open();
    const first = await store.lease("sweep:1", 40);
    expect(first).not.toBeNull();
    expect(await store.lease("sweep:1", 40)).toBeNull();
    await pass(120); // the first holder died without releasing
    const second = await store.lease("sweep:1", 600_000);
    expect(second!.token).toBeGreaterThan(first!.token);
    expect(await first!.renew(600_000)).toBe(false);
    await first!.release(); // a stale holder's release leaves the new grant alone
    expect(await store.lease("sweep:1", 600_000)).toBeNull();
    expect(await second!.renew(600_000)).toBe(true);
    await second!.release();
    const third = await store.lease("sweep:1", 600_000);
    expect(third!.token).toBeGreaterThan(second!.token);
  });

  it("keeps a renewed lease past its first expiry", async () => {
    const { store, pass } = await open();
    const lease = await store.lease("sweep:2", 200);
    expect(await lease!.renew(600_000)).toBe(true);
    await pass(300);
    expect(await store.lease("sweep:2", 600_000)).toBeNull();
  });

  it("runs the holders of one lock one after another, and holders of other locks at once", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const order: string[] = [];
    let open1!: () => void;
    const gate = new Promise<void>((r) => (open1 = r));
    let entered!: () => void;
    const aEntered = new Promise<void>((r) => (entered = r));
    const a = store.withLock("record:acme/web#1", async () => {
      order.push("a start");
      entered();
      await gate;
      order.push("a end");
      return "a";
    });
    await aEntered;
    const b = other.withLock("record:acme/web#1", async () => {
      order.push("b");
      return "b";
    });
    await other.withLock("record:acme/web#2", async () => order.push("c"));
    open1();
    expect(await Promise.all([a, b])).toEqual(["a", "b"]);
    expect(order).toEqual(["a start", "c", "a end", "b"]);
  });

  it("fails a waiter that waited longer than it may, and frees the lock when a holder throws", async () => {
    const { store } = await open();
    let open1!: () => void;
    const gate = new Promise<void>((r) => (open1 = r));
    let entered!: () => void;
    const held = new Promise<void>((r) => (entered = r));
    const holder = store.withLock("k", async () => {
      entered();
      await gate;
    });
    await held;
    await expect(store.withLock("k", async () => "late", { waitMs: 50 })).rejects.toBeInstanceOf(LockTimeoutError);
    open1();
    await holder;
    await expect(store.withLock("k", async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await store.withLock("k", async () => "next", { waitMs: 5_000 })).toBe("next");
  });

  it("runs tryLock only when nobody holds the lock, holder or waiter, from either replica", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    let open1!: () => void;
    const gate = new Promise<void>((r) => (open1 = r));
    let entered!: () => void;
    const held = new Promise<void>((r) => (entered = r));
    const holder = store.withLock("record:acme/web#3", async () => {
      entered();
      await gate;
      return "holder";
    });
    await held;
    let ran = false;
    expect(await other.tryLock("record:acme/web#3", async () => (ran = true))).toEqual({ ran: false });
    expect(ran).toBe(false);
    expect(await other.tryLock("record:acme/web#4", async () => "free")).toEqual({ ran: true, value: "free" });
    open1();
    expect(await holder).toBe("holder");
    expect(await other.tryLock("record:acme/web#3", async () => "after")).toEqual({ ran: true, value: "after" });
    await expect(store.tryLock("record:acme/web#3", async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await store.tryLock("record:acme/web#3", async () => "freed")).toEqual({ ran: true, value: "freed" });
  });

  it("loses no event of a record that arrives while its evaluation runs: the holder runs once more for all of them, reading the state they left", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const key = "record:acme/web#5";
    // the record's state as GitHub has it; each run reads it at its start
    const state: string[] = [];
    const seen: string[][] = [];
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    let running = new Promise<void>((r) => (entered = r));
    const evaluate = async () => {
      seen.push([...state]);
      entered();
      await gate;
      return seen.length;
    };
    state.push("impact:low");
    const first = runCoalesced(store, key, evaluate);
    await running;
    // two more events while the first run is held (a slow write): neither waits, neither runs
    state.push("urgency:low");
    expect(await runCoalesced(other, key, evaluate)).toEqual({ ran: false });
    state.push("customer-facing");
    expect(await runCoalesced(store, key, evaluate)).toEqual({ ran: false });
    running = new Promise<void>((r) => (entered = r));
    const firstGate = release;
    gate = Promise.resolve();
    firstGate();
    expect(await first).toEqual({ ran: true, values: [1, 2] });
    expect(seen).toEqual([["impact:low"], ["impact:low", "urgency:low", "customer-facing"]]);
    // the mark is consumed: the next event runs once, by itself
    expect(await runCoalesced(other, key, evaluate)).toEqual({ ran: true, values: [3] });
  });

  it("loses no event that arrives while the holder is releasing: it marks before trying, the holder looks after releasing", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const key = "record:acme/web#6";
    let runs = 0;
    let late: Promise<unknown> | undefined;
    // an event arriving at the end of a run, when the run's reads are done but the lock not yet released
    const first = runCoalesced(store, key, async () => {
      runs++;
      if (runs === 1) late = runCoalesced(other, key, async () => ++runs);
      await new Promise((r) => setTimeout(r, 20));
      return runs;
    });
    const result = await first;
    const lateResult = await late;
    // whichever of the two ran the second evaluation, it ran after the late event arrived
    expect(runs).toBe(2);
    const total = [result, lateResult].flatMap((r) => ((r as { ran: boolean; values?: number[] }).ran ? (r as { values: number[] }).values : []));
    expect(total).toHaveLength(2);
  });

  it("bounds the reruns of one holder; a mark left after them is taken by the next event", async () => {
    const { store } = await open();
    const key = "record:acme/web#7";
    let runs = 0;
    const first = await runCoalesced(store, key, async (again) => {
      runs++;
      // an event arrives during every run
      expect(await runCoalesced(store, key, async () => -1)).toEqual({ ran: false });
      return again;
    });
    expect(first).toEqual({ ran: true, values: [false, ...Array.from({ length: MAX_RERUNS }, () => true)] });
    expect(runs).toBe(MAX_RERUNS + 1);
    expect(await runCoalesced(store, key, async () => "next")).toEqual({ ran: true, values: ["next"] });
  });

  it("lets a caller that must run itself wait its turn, and still runs again for an event that arrived meanwhile", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const key = "record:acme/web#8";
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const running = new Promise<void>((r) => (entered = r));
    const order: string[] = [];
    const first = runCoalesced(store, key, async (again) => {
      order.push(again ? "first again" : "first");
      entered();
      await gate;
    });
    await running;
    const waiting = runCoalesced(other, key, async (again) => void order.push(again ? "waiter again" : "waiter"), { waitMs: 10_000 });
    expect(await runCoalesced(store, key, async () => void order.push("never"))).toEqual({ ran: false });
    release();
    await Promise.all([first, waiting]);
    expect(order[0]).toBe("first");
    expect(order).toContain("waiter");
    expect(order).not.toContain("never");
    // the coalesced event is covered by a run that started after it arrived (the holder's rerun or the waiter's own run)
    expect(order.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps one content ledger across replicas: shares refuse work beyond what was sent and reserved, and requests are booked where GitHub's windows have room", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const a = new ContentLedger(store);
    const b = new ContentLedger(other);
    const share = { perMinute: 10, perHour: 25 };
    const t = Date.parse("2026-03-02T09:00:00Z");
    const key = `installation:${t}`;
    // two replicas reserve at once: together never more than the minute's share
    const taken = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? a : b).take(key, t, "alerts", 4, share)));
    expect(taken.filter((x) => x !== null)).toHaveLength(2);
    expect(await a.used(key, t)).toEqual({ minute: 8, hour: 8, ahead: 0 });
    // the work really cost 5 each (entered here: no client booked them): the next reservation is at least that, and the minute is full
    for (const ticket of taken.filter((x) => x !== null)) await a.settle(key, ticket!, 5, t, false);
    expect(await a.used(key, t)).toEqual({ minute: 10, hour: 10, ahead: 0 });
    expect(await b.take(key, t + 1_000, "alerts", 1, share)).toBeNull();
    // another installation has a ledger of its own
    expect(await b.take(`${key}-other`, t, "alerts", 4, share)).not.toBeNull();
    // a minute later the minute has room, the hour still holds 10 of 25
    const next = await b.take(key, t + 61_000, "alerts", 1, share);
    expect(next?.reserved).toBe(5);
    await b.settle(key, next!, 5, t + 62_000, false);
    expect(await a.used(key, t + 62_000)).toEqual({ minute: 5, hour: 15, ahead: 0 });
    // requests the installation's client sent count for every share: 10 more, and the hour's 25 is full
    for (let i = 0; i < 10; i++) expect(await a.book(key, t + 125_000, { pace: false })).toEqual({ at: t + 125_000 });
    expect(await b.take(key, t + 190_000, "alerts", 1, share)).toBeNull();
    // an hour after the first ones they have left the window
    expect(await a.take(key, t + 3_601_000, "alerts", 1, share)).not.toBeNull();
  });

  it("books a content request past GitHub's 80 a minute at the moment the window has room again, from either replica", async () => {
    const { store, replica } = await open();
    const other = replica?.() ?? store;
    if (other !== store) opened.push(other);
    const unspaced = { slackMs: 0, spacingMs: 0, notifySpacingMs: 0 };
    const a = new ContentLedger(store, unspaced);
    const b = new ContentLedger(other, unspaced);
    const t = Date.parse("2026-03-02T10:00:00Z");
    const key = `installation:${t}`;
    const slots = await Promise.all(Array.from({ length: 81 }, (_, i) => (i % 2 ? a : b).book(key, t)));
    const at = slots.map((s) => ("at" in s ? s.at : -1)).sort((x, y) => x - y);
    expect(at.filter((x) => x === t)).toHaveLength(80);
    expect(at[80]).toBe(t + 60_000);
    expect(await a.used(key, t)).toEqual({ minute: 81, hour: 81, ahead: 1 });
    // one that would wait past its latest moment is not booked
    expect(await b.book(key, t + 1, { latestMs: t + 30_000 })).toEqual({ refusedUntil: t + 60_000 });
    expect((await a.used(key, t)).ahead).toBe(1);
  });
}
