/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so each one's peak RSS is its
 * own), one after another, and prints their figures. No assertions: benchmarks measure, tests judge.
 * `npm run bench -- sweep parser` runs only the benchmarks whose file names contain those words.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
  .sort();

const ORDER = ["incident-events", "parser", "sweep", "burst", "alerts-burst", "sla-clock", "change-calls", "merge-group-calls", "recheck-calls", "deploy-calls", "change-policy", "links", "export", "evidence-verify"];
files.sort((a, b) => rank(a) - rank(b));
function rank(f: string): number {
  const i = ORDER.findIndex((w) => f.startsWith(w));
  return i < 0 ? ORDER.length : i;
}

let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", `${dir}${f}`], { stdio: "inherit", env: { ...process.env, IMS_SWEEP: "off" } });
  if (r.status !== 0) failed++;
  console.log(`(${f}: ${((performance.now() - started) / 1000).toFixed(1)} s${r.status === 0 ? "" : `, exit ${r.status}`})`);
}
process.exit(failed ? 1 : 0);
