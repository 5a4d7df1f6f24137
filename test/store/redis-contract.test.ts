import { expect, it } from "vitest";
import { Redis } from "ioredis";
import { RedisStore } from "../../src/store/redis.js";
import { storeFromEnv } from "../../src/store/index.js";
import { LockTimeoutError } from "../../src/store/store.js";
import { MemoryStore } from "../../src/store/memory.js";
import { describeWithRedis, uniquePrefix } from "../helpers/redis.js";
import { storeContract } from "./contract.js";

describeWithRedis("the store contract, on Redis", (url) => {
  // Redis expires keys on its own clock: letting time pass is waiting for it (TTLs in tests are short)
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  storeContract(async () => {
    const prefix = uniquePrefix("contract");
    return {
      store: RedisStore.connect(url, { prefix }),
      pass: sleep,
      replica: () => RedisStore.connect(url, { prefix }),
    };
  });

  it("frees the lock of a replica that died while holding it, after the lock's TTL", async () => {
    const prefix = uniquePrefix("dead-holder");
    const dying = RedisStore.connect(url, { prefix });
    const survivor = RedisStore.connect(url, { prefix });
    try {
      let entered!: () => void;
      const held = new Promise<void>((r) => (entered = r));
      void dying.withLock("record:acme/web#3", async () => {
        entered();
        await new Promise(() => {}); // never finishes: the process is gone
      }, { ttlMs: 300 }).catch(() => {});
      await held;
      dying.redis.disconnect(); // no release, no refresh: what a killed replica leaves behind
      expect(await survivor.withLock("record:acme/web#3", async () => "taken over", { waitMs: 10_000 })).toBe("taken over");
    } finally {
      await survivor.close();
    }
  });

  it("keeps the lock of a live holder that works longer than the lock's TTL (it renews it), then hands it on", async () => {
    const prefix = uniquePrefix("live-holder");
    const holder = RedisStore.connect(url, { prefix });
    const waiter = RedisStore.connect(url, { prefix });
    try {
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      let finish!: () => void;
      const working = new Promise<void>((r) => (finish = r));
      const held = holder.withLock("record:acme/web#4", async () => {
        entered();
        await working;
        return "holder done";
      }, { ttlMs: 300 });
      await inside;
      // three TTLs on, the holder still has it: a waiter that gives up sooner never gets in
      await expect(waiter.withLock("record:acme/web#4", async () => "overtaken", { ttlMs: 300, waitMs: 900 })).rejects.toBeInstanceOf(LockTimeoutError);
      finish();
      expect(await held).toBe("holder done");
      expect(await waiter.withLock("record:acme/web#4", async () => "next", { ttlMs: 300, waitMs: 5_000 })).toBe("next");
    } finally {
      await holder.close();
      await waiter.close();
    }
  });

  it("refuses a value that JSON cannot carry, and keeps what was there", async () => {
    const store = RedisStore.connect(url, { prefix: uniquePrefix("json") });
    try {
      const a = store.area<unknown>("json", { maxEntries: 10 });
      await a.set("k", "kept");
      await expect(a.set("k", undefined)).rejects.toThrow(/JSON values only/);
      expect(await a.get("k")).toBe("kept");
    } finally {
      await store.close();
    }
  });

  it("keeps its keys under its prefix, so two apps on one Redis never meet", async () => {
    const prefix = uniquePrefix("prefix");
    const store = RedisStore.connect(url, { prefix });
    const raw = new Redis(url);
    try {
      await store.area<number>("deliveries", { maxEntries: 10, ttlMs: 60_000 }).set("d1", 1);
      await store.lease("sweep:9", 60_000);
      const keys = await raw.keys(`${prefix}*`);
      expect(keys.sort()).toEqual([`${prefix}area:deliveries:d1`, `${prefix}lease-token:sweep:9`, `${prefix}lease:sweep:9`]);
      expect(await raw.pttl(`${prefix}area:deliveries:d1`)).toBeGreaterThan(50_000);
    } finally {
      await store.close();
      await raw.quit();
    }
  });

  it("is what storeFromEnv gives when REDIS_URL is set, and memory when it is not", async () => {
    const onRedis = storeFromEnv({ env: { REDIS_URL: url, IMS_REDIS_PREFIX: uniquePrefix("env") } });
    try {
      expect(onRedis).toBeInstanceOf(RedisStore);
      expect(await (onRedis as RedisStore).ping()).toBe(true);
    } finally {
      await onRedis.close();
    }
    expect(storeFromEnv({ env: {} })).toBeInstanceOf(MemoryStore);
  });
});
