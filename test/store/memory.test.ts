import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/memory.js";
import { LockTimeoutError } from "../../src/store/store.js";

describe("the in-memory store", () => {
  it("forgets an entry after its time to live and keeps at most the area's bound", async () => {
    let t = 0;
    const store = new MemoryStore(() => t);
    const a = store.area<number>("a", { maxEntries: 2, ttlMs: 1000 });
    await a.set("x", 1);
    await a.set("y", 2);
    await a.set("z", 3);
    expect(await a.get("x")).toBeUndefined(); // dropped for room: the oldest goes first
    expect(await a.get("z")).toBe(3);
    t = 1000;
    expect(await a.get("z")).toBeUndefined();
  });

  it("lets only the first of two claims of one key through", async () => {
    const a = new MemoryStore().area<true>("deliveries", { maxEntries: 10 });
    expect(await a.setIfAbsent("d1", true)).toBe(true);
    expect(await a.setIfAbsent("d1", true)).toBe(false);
  });

  it("grants a lease once until it expires, with a larger token for the next holder", async () => {
    let t = 0;
    const store = new MemoryStore(() => t);
    const first = await store.lease("sweep", 100);
    expect(first?.token).toBe(1);
    expect(await store.lease("sweep", 100)).toBeNull();
    t = 100; // the first holder died without releasing
    const second = await store.lease("sweep", 100);
    expect(second?.token).toBe(2);
    expect(await first!.renew(100)).toBe(false);
  });

  it("runs the holders of one lock one after another, and others at once", async () => {
    const store = new MemoryStore();
    const order: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const a = store.withLock("k", async () => { order.push("a start"); await gate; order.push("a end"); });
    const b = store.withLock("k", async () => { order.push("b"); });
    const c = store.withLock("other", async () => { order.push("c"); });
    await c;
    open();
    await Promise.all([a, b]);
    expect(order).toEqual(["a start", "c", "a end", "b"]);
  });

  it("fails a waiter that waited longer than it may, and lets the next one run after the holder", async () => {
    const store = new MemoryStore();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const holder = store.withLock("k", () => gate);
    await expect(store.withLock("k", async () => "late", { waitMs: 10 })).rejects.toBeInstanceOf(LockTimeoutError);
    const next = store.withLock("k", async () => "next");
    open();
    await holder;
    expect(await next).toBe("next");
  });
});
