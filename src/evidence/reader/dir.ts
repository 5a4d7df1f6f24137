import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { BundleReader, Digest, Failure } from "./types.js";

const SMALL = 4 << 20;
const CONCURRENCY = 8;

async function walk(root: string, rel: string, paths: string[], problems: Failure[]): Promise<void> {
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await walk(root, p, paths, problems);
    else if (e.isFile()) paths.push(p);
    else problems.push({ file: p, problem: "not a regular file (links and devices are not allowed in a bundle)" });
  }
}

/** SHA-256 and size of one file: read whole when small, streamed when large. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const { size } = await stat(file);
  const h = createHash("sha256");
  if (size <= SMALL) {
    const b = await readFile(file);
    return { sha256: h.update(b).digest("hex"), size: b.length };
  }
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    h.update(chunk);
    n += chunk.length;
  }
  return { sha256: h.digest("hex"), size: n };
}

/** Reads a bundle folder. */
export async function openDir(root: string): Promise<BundleReader> {
  const paths: string[] = [];
  const problems: Failure[] = [];
  await walk(root, "", paths, problems);
  return {
    kind: "dir",
    paths,
    problems,
    read: (file) => readFile(path.join(root, file)),
    async hashAll(files) {
      const out = new Map<string, Digest>();
      const queue = paths.filter((p) => files.has(p));
      const worker = async () => {
        for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
          try {
            out.set(p, await hashFile(path.join(root, p)));
          } catch (e) {
            out.set(p, { error: (e as Error).message });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return out;
    },
    close: async () => {},
  };
}
