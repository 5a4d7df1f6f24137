/**
 * Installation-wide sweep benchmark (issue 10): one installation with 1,000 and 10,000 repositories and
 * 100 open incidents spread over 100 of them. Counts, at the simulator, search requests, other reads
 * (conditional 304s apart: free) and writes per sweep; before this issue the sweep searched once per
 * repository (1,000 and 10,000 searches a sweep, over GitHub's 30 a minute). Then three replicas on one
 * Redis against one: requests per sweep interval (target ratio 1.00). Then the heap after the
 * 10,000-repository sweep and the sweep memo's size per entry. Run alone with
 * `npx tsx bench/sweep-installation.bench.ts`, or from bench/run.ts.
 */
import { startStack, type Stack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";
import { RedisStore } from "../src/store/index.js";
import { SweepScheduler } from "../src/sweep/scheduler.js";

const MIN = 60_000;
const T = Date.parse("2026-03-02T12:00:00Z"); // a Monday
const INCIDENTS = 100;

async function seeded(repos: number): Promise<Stack> {
  const stack = await startStack({ now: new Date(T - 60 * MIN).toISOString() });
  const { sim } = stack;
  sim.createOrg("acme", { members: ["alice"] });
  sim.quietly(() => {
    for (let r = 0; r < repos; r++) sim.createRepo({ owner: "acme", name: `svc-${r}` });
    const step = Math.floor(repos / INCIDENTS);
    for (let i = 0; i < INCIDENTS; i++) {
      const repo = `acme/svc-${i * step}`;
      seedAppLabels(sim, repo);
      // a tenth overdue and unescalated, the rest too young to be at risk
      sim.clock.set(T - (i % 10 === 0 ? 60 : 2) * MIN);
      sim.as("alice").openIssue(repo, { title: `Incident ${i}`, body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nsvc\n", labels: ["ims:incident", "priority:P1"] });
    }
  });
  sim.clock.set(T);
  return stack;
}

function counts(stack: Stack) {
  const app = stack.sim.requestLog.filter((x) => x.actor === stack.sim.botLogin);
  return {
    total: app.length,
    search: app.filter((x) => x.route === "GET /search/issues").length,
    conditional: app.filter((x) => x.conditional).length,
    reads: app.filter((x) => x.method === "GET" && x.route !== "GET /search/issues" && !x.conditional).length,
    writes: app.filter((x) => x.method !== "GET").length,
  };
}

async function oneInstallation(repos: number, out: string[]): Promise<void> {
  process.env.IMS_SWEEP = "off";
  const stack = await seeded(repos);
  try {
    const s = new SweepScheduler(stack.probot, { now: () => stack.sim.clock.now(), store: stack.store, intervalMs: 5 * MIN });
    for (const title of ["first sweep", "next sweep, nothing new due"]) {
      stack.sim.resetRequestLog();
      const t0 = performance.now();
      await s.tick();
      await stack.sim.settle();
      const c = counts(stack);
      out.push(
        `${repos} repositories, ${INCIDENTS} open incidents, ${title}: ${c.search} search requests (target ${Math.ceil(INCIDENTS / 100)} of records + 1 of pull requests; before: ${repos}), ` +
          `${c.reads} other reads (+${c.conditional} conditional 304s), ${c.writes} writes; ${(performance.now() - t0).toFixed(0)} ms`,
      );
      stack.sim.clock.advance(5 * MIN);
    }
    await s.stop();
    if (repos >= 10_000) {
      global.gc?.();
      const heap = process.memoryUsage().heapUsed / 1e6;
      const sizes = (stack.store as unknown as { sizes?: () => Record<string, number> }).sizes?.() ?? {};
      // one memo entry as a store keeps it (key and JSON value)
      const memo = stack.store.area<unknown>("sweepMemo", { maxEntries: 1 });
      const key = "acme/svc-0#1";
      const entry = await memo.get(key);
      const bytes = entry === undefined ? 0 : key.length + JSON.stringify(entry).length;
      out.push(`  heap after the ${repos}-repository sweeps: ${heap.toFixed(0)} MB${global.gc ? "" : " (without --expose-gc: an upper bound)"}; sweep memo: ${sizes.sweepMemo ?? "?"} entries of ${bytes} bytes each (before: about 1.1 KiB)`);
    }
  } finally {
    await stack.stop();
  }
}

/** Three schedulers (replicas) sharing one Redis store against one, over the same interval's ticks. */
async function replicas(out: string[]): Promise<void> {
  const url = process.env.REDIS_TEST_URL ?? process.env.REDIS_URL;
  if (!url) {
    out.push("three replicas: skipped (set REDIS_TEST_URL to a Redis, as .ci/run does)");
    return;
  }
  const perInterval: number[] = [];
  for (const n of [1, 3]) {
    const stack = await seeded(1_000);
    const store = RedisStore.connect(url, { prefix: `ims-bench:${process.pid}:${n}:` });
    try {
      const all = Array.from({ length: n }, () => new SweepScheduler(stack.probot, { now: () => stack.sim.clock.now(), store, intervalMs: 5 * MIN }));
      stack.sim.resetRequestLog();
      // three intervals, every replica ticking in each, at once
      for (let i = 0; i < 3; i++) {
        await Promise.all(all.map((s) => s.tick()));
        await stack.sim.settle();
        stack.sim.clock.advance(5 * MIN);
      }
      perInterval.push(counts(stack).total / 3);
    } finally {
      await store.close();
      await stack.stop();
    }
  }
  out.push(`three replicas on one Redis: ${perInterval[1]!.toFixed(1)} requests per sweep interval against ${perInterval[0]!.toFixed(1)} for one: ratio ${(perInterval[1]! / perInterval[0]!).toFixed(2)} (target 1.00)`);
}

/** Runs the benchmark and returns printable lines (no assertions). */
export async function benchSweepInstallation(): Promise<string[]> {
  const out: string[] = [];
  await oneInstallation(1_000, out);
  await oneInstallation(10_000, out);
  await replicas(out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchSweepInstallation()) console.log(line);
}
