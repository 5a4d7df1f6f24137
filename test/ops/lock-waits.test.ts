import { expect, it } from "vitest";
import { metrics } from "../../src/ops/metrics.js";
import { storeFromEnv } from "../../src/store/index.js";
import { MemoryStore } from "../../src/store/memory.js";
import { LockTimeoutError } from "../../src/store/store.js";

async function waits(outcome: string): Promise<number> {
  const m = await metrics.lockWaitSeconds.get();
  return m.values.find((v) => v.metricName === "ims_lock_wait_seconds_count" && v.labels.outcome === outcome)?.value ?? 0;
}

it("counts every lock wait of the store the environment gives, acquired or timed out", async () => {
  const store = storeFromEnv({ env: {} });
  expect(store).toBeInstanceOf(MemoryStore); // the store's own class and members stay
  const [acquired, timedOut] = [await waits("acquired"), await waits("timeout")];
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let entered!: () => void;
  const held = new Promise<void>((r) => (entered = r));
  const holder = store.withLock("record:acme/web#1", async () => {
    entered();
    await gate;
    return "first";
  });
  await held;
  await expect(store.withLock("record:acme/web#1", async () => "late", { waitMs: 20 })).rejects.toBeInstanceOf(LockTimeoutError);
  const next = store.withLock("record:acme/web#1", async () => "second");
  open();
  expect([await holder, await next]).toEqual(["first", "second"]);
  expect(await waits("acquired")).toBe(acquired + 2);
  expect(await waits("timeout")).toBe(timedOut + 1);
  await store.close();
});
