import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { Zip, ZipDeflate } from "fflate";

/** Zips staged bundle files (paths relative to `dir`, in the order given) into `outFile`, streaming. */
export async function zipFiles(dir: string, files: readonly string[], outFile: string, mtime: Date): Promise<void> {
  const out = createWriteStream(outFile);
  let failed: Error | null = null;
  let drained = true;
  const zip = new Zip((err, data) => {
    if (err) failed = err;
    else if (!out.write(data)) drained = false;
  });
  const backpressure = async () => {
    if (failed) throw failed;
    if (!drained) {
      await once(out, "drain");
      drained = true;
    }
  };
  for (const file of files) {
    const entry = new ZipDeflate(file, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    const input = createReadStream(path.join(dir, file), { highWaterMark: 1 << 20 });
    for await (const chunk of input as AsyncIterable<Buffer>) {
      entry.push(chunk, false);
      await backpressure();
    }
    entry.push(new Uint8Array(0), true);
    await backpressure();
  }
  zip.end();
  await backpressure();
  out.end();
  await once(out, "finish");
}
