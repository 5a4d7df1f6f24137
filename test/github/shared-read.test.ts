import { expect, it } from "vitest";
import { sharedRead } from "../../src/github/shared-read.js";
import { bindStore } from "../../src/github/store-of.js";
import { MemoryStore } from "../../src/store/memory.js";

it("concurrent reads of one key and app share the read in flight; the next one after it reads again", async () => {
  const store = new MemoryStore();
  const [a, b] = [bindStore({}, store), bindStore({}, store)]; // two events' Octokits of one app
  let reads = 0;
  let finish!: (v: string[]) => void;
  const read = () => {
    reads++;
    return new Promise<string[]>((r) => (finish = r));
  };
  const first = sharedRead(a, "labels:acme/web", read);
  const second = sharedRead(b, "labels:acme/web", read);
  finish(["priority:p1"]);
  expect(await first).toEqual(["priority:p1"]);
  expect(await second).toEqual(["priority:p1"]);
  expect(reads).toBe(1);
  const later = sharedRead(a, "labels:acme/web", read);
  finish(["priority:p2"]);
  expect(await later).toEqual(["priority:p2"]);
  expect(reads).toBe(2);
});

it("two apps in one process (two stores) share no read, and a failed read fails its waiters only", async () => {
  const [a, b] = [bindStore({}, new MemoryStore()), bindStore({}, new MemoryStore())];
  let reads = 0;
  const failing = async () => {
    reads++;
    throw new Error("502 Bad Gateway");
  };
  await expect(Promise.all([sharedRead(a, "config:acme/web@", failing), sharedRead(b, "config:acme/web@", failing)])).rejects.toThrow("502");
  expect(reads).toBe(2);
  expect(await sharedRead(a, "config:acme/web@", async () => "read again")).toBe("read again");
});
