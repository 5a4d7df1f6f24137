/**
 * Exporter benchmark (no assertions): a simulator seeded directly with 1k and 10k records (incidents
 * with cards and label history, problems, change pull requests with reviews and the gate's check run),
 * exported over HTTP by a child process per size (so peak RSS is the exporter's own), then `verify`
 * against `sha256sum -c` on the 10k bundle. Run: npx tsx bench/export.bench.ts
 * `exportBench()` returns the printable lines for a runner.
 */
import { execFileSync, spawn } from "node:child_process";
import { seedAppLabels } from "../src/demo/labels.js";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeTrace } from "../src/core/trace.js";
import { runExport } from "../src/evidence/export/run.js";
import { verifyBundle } from "../src/evidence/verify.js";
import { CARD_MARKER } from "../src/records/card.js";
import { startSimulator, type Simulator } from "../src/simulator/index.js";
import { createCheckRun } from "../src/simulator/ops/checks.js";

const REPO = "acme/web";
const FROM = "2026-01-01T00:00:00.000Z";
const TO = "2026-03-31T23:59:59.999Z";
const mb = (kb: number) => (kb / 1024).toFixed(1);

/** Half incidents, a tenth problems, the rest change pull requests with two reviews and a gate run, each deployed to production once (with the deployment gate's run). */
function seed(sim: Simulator, n: number): { incidents: number; problems: number; pulls: number; deployments: number } {
  const counts = { incidents: 0, problems: 0, pulls: 0, deployments: 0 };
  const bot = sim.botLogin;
  const repo = sim.core.store.repoByName(REPO);
  sim.quietly(() => {
    for (let i = 0; i < n; i++) {
      sim.clock.set(Date.parse("2026-01-02T00:00:00Z") + i * 60_000 * 10);
      const k = i % 10;
      if (k < 5) {
        const inc = sim.as("alice").openIssue(REPO, { title: `Incident ${i}`, body: "### Impact\n\nHigh\n\n### Urgency\n\nMedium\n\n### Affected service\n\ncheckout", labels: ["ims:incident"] });
        sim.as(bot).addLabels(REPO, inc.number, ["priority:P2"]);
        sim.as(bot).comment(REPO, inc.number, `${CARD_MARKER}\n### Incident record · Priority P2\n\n${encodeTrace({ v: 1, rule: "incident.classify", inputs: { impact: "high" }, result: { priority: "P2" }, time: sim.clock.iso(), delivery: null })}`);
        sim.as("bob").comment(REPO, inc.number, "on it");
        sim.as("bob").close(REPO, inc.number);
        counts.incidents++;
      } else if (k === 5) {
        const p = sim.as("carol").openIssue(REPO, { title: `Problem ${i}`, body: "### Root cause\n\nx", labels: ["ims:problem"] });
        sim.as(bot).comment(REPO, p.number, `<!-- ims-link rel=incident to=${p.number - 1} -->`);
        counts.problems++;
      } else {
        const pr = sim.as("alice").openPullRequest(REPO, { title: `Change ${i}`, head: `c${i}`, body: "Risk: low", files: { [`infra/${i}.tf`]: "x" }, labels: ["ims:change", "change:normal"] });
        const head = pr.pull!.headSha;
        sim.as("sec1").review(REPO, pr.number, "APPROVE");
        sim.as("bob").review(REPO, pr.number, "COMMENT", "lgtm");
        createCheckRun(sim.core, bot, repo, { name: "IMS / change control", head_sha: head, conclusion: "success", output: { title: "ok", summary: encodeTrace({ v: 1, rule: "change.gate", inputs: { head }, result: { conclusion: "success", isChange: true, type: "normal", requirements: { securityReview: { approvers: ["sec1"] } } }, time: sim.clock.iso(), delivery: null }) } });
        // Merged directly in the state: merging through git would grow main's history for nothing here.
        Object.assign(pr.pull!, { merged: true, mergedAt: sim.clock.iso(), mergedBy: "alice", mergeCommitSha: head });
        Object.assign(pr, { state: "closed", closedAt: sim.clock.iso() });
        counts.pulls++;
        const id = 100_000 + i;
        const at = sim.clock.iso();
        sim.core.store.deployments.set(id, { id, repo: REPO, sha: head, ref: "main", task: "deploy", environment: "production", creator: "alice", description: null, productionEnvironment: true, transientEnvironment: false, createdAt: at, updatedAt: at, runId: null, statuses: [{ id, state: "success", creator: "alice", description: "", environmentUrl: "", logUrl: "", createdAt: at }] });
        const gate = { v: 1 as const, rule: "deploy.gate", inputs: { deployment: { id, environment: "production", sha: head }, mode: "prevent" }, result: { decision: "approved", reasons: [], changes: [{ repo: REPO, pull: pr.number, record: null }] }, time: at, delivery: null };
        createCheckRun(sim.core, bot, repo, { name: "IMS / deployment: production", head_sha: head, external_id: `deployment:${id}`, conclusion: "success", output: { title: "approved", summary: encodeTrace(gate) } });
        counts.deployments++;
      }
    }
  });
  sim.clock.set("2026-04-02T00:00:00Z");
  return counts;
}

/** The child: exports and reports its wall time and peak RSS. */
async function child(url: string, token: string, out: string): Promise<void> {
  const t0 = performance.now();
  const r = await runExport(
    // the bench owner has no .github repository (+1 call per repository to look for one)
    { repos: [REPO], org: null, from: FROM, to: TO, out, format: "dir", signingKeyPem: null, previous: null, apiUrl: url, noOrgConfig: true },
    { env: { GITHUB_TOKEN: token }, out: () => undefined, progress: { write: () => true, isTTY: false } },
  );
  process.stdout.write(JSON.stringify({ wall: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, calls: r.calls, counts: r.manifest.counts }));
}

function run(args: string[], heapMiB = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []), ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (c: Buffer) => (out += c));
    p.stderr.on("data", (c: Buffer) => (err += c));
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`export child exited ${code}: ${err}`))));
  });
}

/** Runs the benchmark; resolves to the lines to print. */
export async function exportBench(sizes: number[] = [1000, 10000], heapCapMiB = 64): Promise<string[]> {
  const lines: string[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ims-export-bench-"));
  let last = "";
  try {
    for (const n of sizes) {
      const sim = await startSimulator({ webhookSecret: "s", now: "2026-01-01T00:00:00Z" });
      try {
        sim.createOrg("acme", { members: ["alice", "bob", "carol", "sec1"] });
        sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "x" } });
        seedAppLabels(sim, "acme/web");
        const t0 = performance.now();
        const c = seed(sim, n);
        const seeded = performance.now() - t0;
        sim.resetRequestLog();
        const out = path.join(tmp, `bundle-${n}`);
        const r = JSON.parse(await run(["--child", sim.url, sim.userToken("auditor"), out], n === sizes.at(-1) ? heapCapMiB : 0)) as { wall: number; maxRssKb: number; calls: { total: number; rest: number; graphql: number; graphqlCost: number } };
        const minimum = Math.ceil(c.incidents / 100) + Math.ceil(c.problems / 100) + Math.ceil(c.pulls / 100) + Math.ceil(c.deployments / 100);
        lines.push(
          `${n} records (${c.incidents} incidents, ${c.problems} problems, ${c.pulls} change PRs with 2 reviews and a gate run, ${c.deployments} production deployments with the deployment gate's run; seeded in ${(seeded / 1000).toFixed(1)} s)`,
          `  API calls: ${r.calls.total} (GraphQL ${r.calls.graphql}, REST ${r.calls.rest}; GraphQL cost ${r.calls.graphqlCost} points); minimum one page per 100 records: ${minimum}; ratio ${(r.calls.total / minimum).toFixed(2)}x (a naive per-record REST walk: ~${3 * n} calls, ${((3 * n) / r.calls.total).toFixed(0)}x more)`,
          `  wall ${(r.wall / 1000).toFixed(2)} s (${Math.round(n / (r.wall / 1000))} records/s), exporter peak RSS ${mb(r.maxRssKb)} MiB${n === sizes.at(-1) && heapCapMiB ? ` with the V8 heap capped at ${heapCapMiB} MiB (it completes only if memory stays flat)` : ""}`,
        );
        last = out;
      } finally {
        await sim.stop();
      }
    }
    // verify against sha256sum on the largest bundle
    let best = { verify: Infinity, sums: Infinity };
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      const v = await verifyBundle(last, { allowUnsigned: true });
      if (!v.ok) throw new Error(JSON.stringify(v.failures.slice(0, 3)));
      best.verify = Math.min(best.verify, performance.now() - t);
      t = performance.now();
      execFileSync("sha256sum", ["-c", "--quiet", "SHA256SUMS"], { cwd: last });
      best.sums = Math.min(best.sums, performance.now() - t);
    }
    const bytes = Number(execFileSync("du", ["-sb", last], { encoding: "utf8" }).split("\t")[0]);
    const rate = (ms: number) => `${(bytes / 1048576 / (ms / 1000)).toFixed(0)} MiB/s`;
    lines.push(`verify of the ${sizes.at(-1)}-record bundle (${(bytes / 1048576).toFixed(1)} MiB): verifyBundle ${(best.verify / 1000).toFixed(3)} s (${rate(best.verify)}), sha256sum -c ${(best.sums / 1000).toFixed(3)} s (${rate(best.sums)}); ratio ${(best.sums / best.verify).toFixed(2)}x sha256sum`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return lines;
}

const [, , mode, a, b, c] = process.argv;
if (mode === "--child") await child(a!, b!, c!);
else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) for (const l of await exportBench()) console.log(l);
