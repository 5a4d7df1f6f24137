import { stat } from "node:fs/promises";
import path from "node:path";
import { drawSample, POPULATIONS, writeSample, type Population } from "../evidence/sample.js";
import { UsageError, type CliIo } from "./usage-error.js";

export interface SampleFlags {
  population?: string;
  size?: string;
  seed?: string;
  out?: string;
}

/** `ims-bot sample BUNDLE --population changes --size 25 --seed S`: a reproducible sample, as CSV and HTML beside the bundle. */
export async function sampleCommand(bundle: string, o: SampleFlags, io: CliIo): Promise<number> {
  const names = Object.keys(POPULATIONS);
  if (!o.population || !names.includes(o.population)) throw new UsageError(`--population must be one of ${names.join(", ")}${o.population ? ` (got \`${o.population}\`)` : ""}`);
  if (!o.seed) throw new UsageError("--seed is required: the same seed draws the same sample, so say it in the audit record");
  const size = Number(o.size ?? "25");
  if (!Number.isSafeInteger(size) || size < 1) throw new UsageError(`--size must be a whole number of at least 1 (got \`${o.size}\`)`);
  const s = await drawSample(bundle, o.population as Population, size, o.seed);
  const isDir = (await stat(bundle)).isDirectory();
  const outDir = path.resolve(o.out ?? path.dirname(path.resolve(bundle)));
  const files = await writeSample(bundle, s, outDir, isDir);
  io.out(`sample of ${s.population}: ${s.rows.length} of ${s.populationSize} records, seed ${s.seed}\n`);
  io.out(`method: ${s.method}\n`);
  io.out(`redraw by hand in the extracted bundle:\n  ${s.redraw}\n`);
  for (const r of s.rows) io.out(`${String(r.rank).padStart(3)}  ${r.id}  ${r.key.slice(0, 16)}  ${r.title}\n`);
  io.out(`wrote ${files.csv}\nwrote ${files.html}\n`);
  return 0;
}
