import { Redis } from "ioredis";
import { afterEach, beforeAll, expect, it } from "vitest";
import type { RequestRecord, Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, logLines, settleProcesses, startAppProcess, stopAllProcesses, type AppProcess } from "../helpers/processes.js";
import { describeWithRedis } from "../helpers/redis.js";
import type { Stack } from "../../src/demo/stack.js";
import { form, incidentStack, REPO } from "../helpers/incident-stack.js";

/**
 * The sweep on real `probot run` replicas sharing one Redis (issue 10, section 5): a tick on both makes
 * one sweep's calls, and a replica killed mid-sweep leaves the work to the next tick of the survivor.
 * The in-process version (two schedulers of one store) is test/sweep/one-sweep-per-tick.test.ts.
 *
 * The tick and the lease are short here (IMS_SWEEP_TICK_MINUTES, IMS_SWEEP_LEASE_SECONDS) so a test
 * takes tens of seconds; each run has a Redis database emptied for it (see replicas). During the
 * sweep no webhook is sent (the app only skips the deliveries of its own writes), so the request log
 * holds the sweep's calls alone.
 */
const MIN = 60_000;
/** The tick: long enough that both replicas' first ticks (started together) fall in one interval. */
const TICK_SECONDS = 20;
const LEASE_SECONDS = 4;
/**
 * The kill needs no common first interval: its tick is shorter, so the survivor's next tick comes soon
 * after the killed replica's lease expired (it may then wait for the record lock the killed one held,
 * 15 s at most after the kill, keeping its own lease meanwhile).
 */
const KILL_TICK_SECONDS = 10;

/** The records' state is set up by the app in process (src/demo/stack.ts), then left to the replicas. */
let stacks: Stack[] = [];
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await Promise.all(stacks.map((s) => s.stop()));
  stacks = [];
});

/** The installation's calls: token-authenticated, so a replica's own app-JWT calls (GET /app/installations, tokens) are left out. */
const installationCalls = (s: Simulator, from = 0): RequestRecord[] => s.requestLog.slice(from).filter((r) => r.actor === s.botLogin && !r.route.startsWith("POST /app/"));
const writes = (s: Simulator, from = 0): RequestRecord[] => installationCalls(s, from).filter((r) => r.method !== "GET");
const byRoute = (log: RequestRecord[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of log) out[r.route] = (out[r.route] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};
const recordOf = (r: RequestRecord): number | null => {
  const m = /\/repos\/acme\/web\/issues\/(\d+)\//.exec(r.path);
  return m ? Number(m[1]) : null;
};
const botComments = (s: Simulator, n: number) => s.comments(REPO, n).filter((c) => c.user === s.botLogin);
const escalations = (s: Simulator, n: number) => botComments(s, n).filter((c) => c.body.includes("<!-- ims-escalated")).length;
const cards = (s: Simulator, n: number) => botComments(s, n).filter((c) => c.body.startsWith("<!-- ims-card -->")).length;

/**
 * `count` P1 incident records, handled on opening by a process of their own (which then stops), and
 * 12 minutes on: each is at risk and due for its at-risk escalation, which the sweep alone can notice.
 * `.github/ims.yml` lets the sweep evaluate one record at a time, so a replica can be stopped between two.
 */
async function dueRecords(count: number): Promise<{ sim: Simulator; numbers: number[] }> {
  const stack = await incidentStack();
  stacks.push(stack);
  const s = stack.sim;
  s.as("bob").putFile(REPO, ".github/ims.yml", "escalation:\n  sweep:\n    concurrency: 1\n");
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(s.as("alice").openIssue(REPO, { title: `Checkout down ${i + 1}`, body: form("High", "High"), labels: ["ims:incident"] }).number);
  await s.settle();
  for (const n of numbers) expect(cards(s, n)).toBe(1);
  s.setWebhookUrl(undefined);
  s.clock.advance(12 * MIN);
  s.resetRequestLog();
  return { sim: s, numbers };
}

/**
 * Replicas with the sweep on, sharing one Redis database (8 or 10, this file's alone), emptied first. Probot's
 * request throttle (Bottleneck) keeps its own keys there, under names of its own, and their times
 * follow the replicas' clocks, which every run starts at the same instant (the simulator's): a run
 * must not inherit the last one's.
 */
async function replicas(s: Simulator, redisUrl: string, names: string[], tickSeconds = TICK_SECONDS): Promise<AppProcess[]> {
  const redis = new Redis(redisUrl);
  try {
    await redis.flushdb();
  } finally {
    await redis.quit();
  }
  const env = { REDIS_URL: redisUrl, IMS_SWEEP: "on", IMS_SWEEP_TICK_MINUTES: String(tickSeconds / 60), IMS_SWEEP_LEASE_SECONDS: String(LEASE_SECONDS) };
  return Promise.all(names.map((name) => startAppProcess(s, { name, env })));
}

/** A replica's sweep outcomes so far (ims_sweep_installations_total), by outcome. */
async function sweepOutcomes(p: AppProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${p.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^ims_sweep_installations_total\{outcome="([^"]+)"\} (\d+)/.exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** Polls until `ok` holds (a guard of 120 s against a hang, not a measure). */
let debug: (() => string) | undefined;
async function until(what: string, ok: () => Promise<boolean> | boolean): Promise<void> {
  const limit = performance.now() + 120_000;
  while (!(await ok())) {
    if (performance.now() > limit) throw new Error(`waited 120 s for ${what}\n${debug?.()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sweptBy = (p: AppProcess) => logLines(p).some((l) => l.msg === "sweeping the installation");
const doneBy = (p: AppProcess) => logLines(p).some((l) => l.msg === "sweep done");

describeWithRedis("the sweep on two replicas sharing one Redis", (url) => {
  const redisUrl = `${url.replace(/\/\d*$/, "")}/8`;
  /** The solo replica's, beside the pair's: its own simulator, and its own throttle and lease in Redis. */
  const soloRedisUrl = `${url.replace(/\/\d*$/, "")}/10`;

  it("a tick on both makes the calls of one replica's sweep of the same state, and escalates each record once", async () => {
    // one replica's sweep of the state (the calls to compare with), and two replicas' tick on the same
    // state, side by side: two simulators and two Redis databases, so neither run sees the other
    const one = await dueRecords(3);
    const two = await dueRecords(3);
    const soloRun = (async () => {
      const [solo] = await replicas(one.sim, soloRedisUrl, ["solo"]);
      await until("the solo replica's first sweep", () => doneBy(solo!));
      await solo!.stop("SIGKILL"); // before its next tick
    })();
    soloRun.catch(() => undefined); // awaited below, after the pair: its failure is reported there
    const [a, b] = await replicas(two.sim, redisUrl, ["a", "b"]);
    // both ticked once: one swept, the other found the lease held or the installation swept
    await until("a tick on both replicas", async () => {
      const [oa, ob] = await Promise.all([sweepOutcomes(a!), sweepOutcomes(b!)]);
      const ticked = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0) >= 1;
      return ticked(oa) && ticked(ob);
    });
    await Promise.all([a!.stop("SIGKILL"), b!.stop("SIGKILL")]);
    await soloRun;
    const expected = byRoute(installationCalls(one.sim));
    expect(expected["GET /search/issues"]).toBe(2);
    expect(writes(one.sim).length).toBeGreaterThan(0);
    // exactly one of them ran a sweep
    expect([a!, b!].filter(doneBy)).toHaveLength(1);
    expect(byRoute(installationCalls(two.sim))).toEqual(expected);
    for (const n of two.numbers) {
      expect(two.sim.labels(REPO, n)).toContain("sla:at-risk");
      expect(escalations(two.sim, n)).toBe(1);
      expect(cards(two.sim, n)).toBe(1);
    }
  }, 240_000);

  it("a replica killed mid-sweep: the survivor's next tick, once the lease expired, completes every record and redoes none", async () => {
    const state = await dueRecords(4);
    const s = state.sim;
    const procs = await replicas(s, redisUrl, ["a", "b"], KILL_TICK_SECONDS);
    // on a timeout: what GitHub was asked, and what each replica logged
    debug = () => `${s.requestLog.map((r) => `${r.at} ${r.method} ${r.path} ${r.status}`).join("\n")}\n${procs.map((p) => logLines(p).map((l) => `${p.name} ${l.time} ${l.msg} ${l.err ? JSON.stringify(l.err).slice(0, 1500) : ""}`).join("\n")).join("\n")}`;
    // the sweeper is held at its second escalation comment (a record's first write: the comment, then its labels and card): one record done, the next one begun
    let killed: AppProcess | undefined;
    let killedAt = 0;
    const route = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
    s.beforeNext(route, () =>
      s.beforeNext(route, async () => {
        await until("the sweeper's first log line", () => procs.some(sweptBy));
        killed = procs.find(sweptBy)!;
        killedAt = s.requestLog.length;
        await killed.stop("SIGKILL");
      }),
    );
    await until("the kill", () => killed !== undefined && killed.child.signalCode !== null);
    const survivor = procs.find((p) => p !== killed)!;
    const before = s.requestLog.slice(0, killedAt);
    const doneBefore = new Set(before.filter((r) => r.method !== "GET").map(recordOf).filter((n): n is number => n !== null));
    expect(state.numbers.every((n) => escalations(s, n) === 1 && s.labels(REPO, n).includes("sla:at-risk"))).toBe(false);
    await until("the survivor's sweep", () => doneBy(survivor));
    const outcomes = await sweepOutcomes(survivor);
    await survivor.stop("SIGKILL");
    // the held comment went through (GitHub applies a request whose client died): the record it was for,
    // begun by the killed replica and not finished
    const held = s.requestLog.slice(killedAt).find((r) => r.route === route)!;
    expect(held).toBeDefined();
    const heldRecord = recordOf(held)!;
    expect(doneBefore.has(heldRecord)).toBe(false);
    for (const n of state.numbers) {
      expect(s.labels(REPO, n)).toContain("sla:at-risk");
      expect(escalations(s, n)).toBe(1);
      expect(cards(s, n)).toBe(1);
    }
    // the survivor wrote nothing to the records the killed replica had finished
    const after = writes(s, killedAt).filter((r) => r !== held);
    const finished = [...doneBefore].filter((n) => n !== heldRecord);
    expect(finished.length).toBeGreaterThan(0);
    expect(after.filter((r) => finished.includes(recordOf(r) ?? -1)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
    // the survivor finished the begun record (its labels) without a second comment (counted above)
    expect(after.filter((r) => recordOf(r) === heldRecord).map((r) => r.route)).toContain("POST /repos/{owner}/{repo}/issues/{issue_number}/labels");
    // and no write was made twice
    const all = writes(s).map((r) => `${r.method} ${r.path}`);
    expect(all.filter((w, i) => all.indexOf(w) !== i)).toEqual([]);
    // the survivor's one sweep, on its lease to the end
    expect(outcomes.swept).toBe(1);
    expect(outcomes["lease lost"]).toBeUndefined();
  }, 240_000);
});
