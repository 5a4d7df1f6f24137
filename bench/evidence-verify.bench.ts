/**
 * Evidence bundle benchmark (no assertions): builds bundles of 1k and 10k records in child processes
 * (peak RSS of each, to show memory stays flat), then times `verifyBundle` against `sha256sum` over the
 * same files. Run: npx tsx bench/evidence-verify.bench.ts
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeBundle } from "../src/evidence/bundle/write.js";
import type { BundleEntry } from "../src/evidence/bundle/source.js";
import { generateSigningKey } from "../src/evidence/signing.js";
import { verifyBundle } from "../src/evidence/verify.js";
import { change, incident, problem, raw, securityIncident } from "../test/evidence/fixtures.js";

const PERIOD = { from: "2026-01-01T00:00:00Z", to: "2026-03-31T23:59:59Z" };

async function* records(n: number): AsyncGenerator<BundleEntry> {
  for (let i = 1; i <= n; i++) {
    const k = i % 10;
    if (i % 100 === 1) {
      const page = raw(`graphql-${String(i).padStart(6, "0")}`);
      page.body = { data: { nodes: Array.from({ length: 100 }, (_, j) => ({ number: i + j, title: `record ${i + j}`, body: "x".repeat(400) })) } };
      yield page;
    }
    if (k < 5) yield { ...incident(i), timeline: Array.from({ length: 8 }, (_, j) => ({ at: "2026-02-01T10:00:00Z", actor: "alice", event: "labeled", detail: `label-${j}`, source: null })) };
    else if (k === 5) yield securityIncident(i);
    else if (k === 6) yield problem(i);
    else yield change(i, k === 9 ? "emergency" : "normal");
  }
}

async function build(n: number, format: "zip" | "dir", out: string): Promise<void> {
  await writeBundle(
    { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: records(n) },
    { out, format, signingKey: generateSigningKey().privatePem, generatedAt: "2026-04-01T00:00:00Z" },
  );
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

async function main(): Promise<void> {
  const [, , phase, nText, format, out] = process.argv;
  if (phase === "--build") {
    await build(Number(nText), format as "zip" | "dir", out!);
    process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ims-bench-"));
  try {
    const built: Record<string, string> = {};
    // the last run caps the V8 heap far below the bundle's size: it only completes if memory stays flat
    for (const [n, format, cap] of [[1000, "dir", 0], [10000, "dir", 0], [10000, "zip", 0], [20000, "dir", 56]] as const) {
      const out = path.join(tmp, `b-${n}-${cap}.${format}`);
      const t0 = Date.now();
      const heap = cap ? [`--max-old-space-size=${cap}`] : [];
      const r = spawnSync(process.execPath, [...heap, ...process.execArgv, self, "--build", String(n), format, out], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      const { maxRssKb } = JSON.parse(r.stdout) as { maxRssKb: number };
      const capped = cap ? ` with the V8 heap capped at ${cap} MiB` : "";
      console.log(`build ${n} records (${format})${capped}: ${((Date.now() - t0) / 1000).toFixed(2)} s wall, peak RSS ${mb(maxRssKb * 1024)} MiB`);
      built[`${n}-${format}`] = out;
    }
    const dir = built["10000-dir"]!;
    const bytes = Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
    const runs = 5;
    let best = { verify: Infinity, zip: Infinity, sums: Infinity };
    // the key is made in the build process; the bundled one does the same signature work as an expected one
    const bundled = { trustBundledKey: true };
    for (let i = 0; i < runs; i++) {
      const [v, tv] = await time(() => verifyBundle(dir, bundled));
      if (!v.ok) throw new Error(JSON.stringify(v.failures.slice(0, 3)));
      const [z, tz] = await time(() => verifyBundle(built["10000-zip"]!, bundled));
      if (!z.ok) throw new Error(JSON.stringify(z.failures.slice(0, 3)));
      const [, ts] = await time(() => execFileSync("sha256sum", ["-c", "--quiet", "SHA256SUMS"], { cwd: dir }));
      best = { verify: Math.min(best.verify, tv), zip: Math.min(best.zip, tz), sums: Math.min(best.sums, ts) };
    }
    const thr = (s: number) => `${mb(bytes / s)} MiB/s`;
    console.log(`bundle of 10k records: ${mb(bytes)} MiB in ${execFileSync("find", [dir, "-type", "f"], { encoding: "utf8" }).split("\n").length - 1} files`);
    console.log(`sha256sum -c:          ${best.sums.toFixed(3)} s (${thr(best.sums)})`);
    console.log(`verifyBundle (dir):    ${best.verify.toFixed(3)} s (${thr(best.verify)}), ratio ${(best.sums / best.verify).toFixed(2)}x sha256sum`);
    console.log(`verifyBundle (zip):    ${best.zip.toFixed(3)} s (${thr(best.zip)} of content), ratio ${(best.sums / best.zip).toFixed(2)}x sha256sum`);
    console.log(`peak RSS of this process (verify): ${mb(process.resourceUsage().maxRSS * 1024)} MiB`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
