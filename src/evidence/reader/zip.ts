import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { crc32 } from "node:zlib";
import { Inflate } from "fflate";
import type { BundleReader, Digest } from "./types.js";
import { readZipStructure, type ZipEntry } from "./zip-structure.js";

/** Streams an entry's content through `onData` (inflated with fflate), checking size and CRC-32. */
async function streamEntry(file: string, e: ZipEntry, onData: (chunk: Uint8Array) => void): Promise<void> {
  let size = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    crc = crc32(chunk, crc);
    onData(chunk);
  };
  const inflater = e.method === 8 ? new Inflate((chunk) => take(chunk)) : null;
  if (e.compressedSize > 0) {
    const input = createReadStream(file, { start: e.dataStart, end: e.dataStart + e.compressedSize - 1, highWaterMark: 1 << 20 });
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (inflater) inflater.push(chunk, false);
      else take(chunk);
    }
  }
  if (inflater) inflater.push(new Uint8Array(0), true);
  if (size !== e.size) throw new Error(`zip entry holds ${size} bytes but records ${e.size}`);
  if (crc >>> 0 !== e.crc) throw new Error("zip entry CRC-32 does not match its content");
}

/** Reads a bundle .zip: strict structure check, then entries streamed and hashed one by one. */
export async function openZip(file: string): Promise<BundleReader> {
  const fh = await open(file, "r");
  let structure;
  try {
    structure = await readZipStructure(fh, (await stat(file)).size);
  } finally {
    await fh.close();
  }
  const byName = new Map<string, ZipEntry>();
  for (const e of structure.entries) {
    if (byName.has(e.name)) structure.problems.push({ file: e.name, problem: "appears twice in the zip" });
    if (e.name.endsWith("/")) continue;
    byName.set(e.name, e);
  }
  return {
    kind: "zip",
    paths: [...byName.keys()],
    problems: structure.problems,
    async read(name) {
      const e = byName.get(name);
      if (!e) throw new Error(`${name} is not in the zip`);
      const parts: Uint8Array[] = [];
      await streamEntry(file, e, (c) => parts.push(c));
      return Buffer.concat(parts);
    },
    async hashAll(files) {
      const out = new Map<string, Digest>();
      for (const e of structure.entries) {
        if (!files.has(e.name)) continue;
        const h = createHash("sha256");
        try {
          await streamEntry(file, e, (c) => h.update(c));
          out.set(e.name, { sha256: h.digest("hex"), size: e.size });
        } catch (err) {
          out.set(e.name, { error: (err as Error).message });
        }
      }
      return out;
    },
    close: async () => {},
  };
}
