import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { crc32, createInflateRaw } from "node:zlib";
import { EntryError, type BundleReader, type Digest } from "./types.js";
import { readZipStructure, type ZipEntry } from "./zip-structure.js";

/**
 * Streams an entry's content through `onData`, checking size, CRC-32 and that the deflate stream ends
 * exactly at the entry's last byte. Inflates with node:zlib rather than fflate: fflate's streaming
 * Inflate accepted a deflate stream whose final-block bit had been flipped (found by the fuzz test),
 * and zlib is native, so faster.
 */
async function streamEntry(file: string, e: ZipEntry, onData: (chunk: Uint8Array) => void): Promise<void> {
  let size = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    crc = crc32(chunk, crc);
    onData(chunk);
  };
  const input = () => createReadStream(file, { start: e.dataStart, end: e.dataStart + e.compressedSize - 1, highWaterMark: 1 << 20 });
  if (e.method === 8) {
    if (e.compressedSize === 0) throw new Error("zip entry has no deflate data");
    const inflater = createInflateRaw({ chunkSize: 1 << 20 });
    const source = input();
    source.on("error", (err) => inflater.destroy(err));
    source.pipe(inflater);
    for await (const chunk of inflater as AsyncIterable<Buffer>) take(chunk);
    if (inflater.bytesWritten !== e.compressedSize) throw new Error("zip entry has bytes after the end of its deflate stream");
  } else if (e.compressedSize > 0) {
    for await (const chunk of input() as AsyncIterable<Buffer>) take(chunk);
  }
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
    if (e.name.endsWith("/")) {
      // the writer never makes one, and its bytes (and its name) would otherwise go unchecked
      structure.problems.push({ file: e.name, problem: "directory entry: a bundle zip holds files only" });
      continue;
    }
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
      try {
        await streamEntry(file, e, (c) => parts.push(c));
      } catch (err) {
        throw new EntryError(name, (err as Error).message);
      }
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
