/**
 * Burst benchmark (issue 10, section 6): a bulk priority edit of 1,000 incident records on one
 * installation (A, `acme`): `issues.labeled` with `impact:low` on each, handed to the app all at once,
 * with Probot's production throttling (Bottleneck, keyed per installation by the guard) and retries,
 * and GitHub's secondary limits on (80 content-creating requests a minute, 500 an hour, 100 in flight,
 * per installation). One event of another installation (B, `globex`) is sent a minute into the burst.
 * All of it runs on virtual time (src/simulator/virtual-time.ts): the requests are real, the waiting
 * (Bottleneck's spacing, GitHub's Retry-After) is skipped, and the simulator's rate-limit windows
 * follow the same clock. Reported: the virtual time to drain all 1,000, the most requests of A in
 * flight at once, writes a minute (mean and max), content-creating requests in each hour, B's wait,
 * refusals, and whether any record was ever seen without a priority label (sampled every time the
 * clock moved). The events reach the app as `probot.receive` (no Redis, no queue; over HTTP a single
 * process answers only part of such a burst within GitHub's 10 s, see README).
 *
 * Then the memory of a long-running process: 100,000 more deliveries through the app (an unrelated
 * label on a record, the cheapest event that still goes through the guard's delivery claim), the heap,
 * and each store area's size against its bound (`src/store/areas.ts`). BENCH_EVENTS sets the burst's
 * size (default 1,000).
 *
 * Two more bulk edits on A alone (`bulkEdit`): a label that is no classification label on 1,000
 * records (does it drain at once, with no write?), and `impact:low` with `urgency:low` on 500 records
 * (1,000 events, two a record: are the writes a record those of its final state, not twice?).
 * BENCH_SCENARIO (priority, unchanged, two, memory) runs only one of them.
 * Run alone with `node --expose-gc --import tsx bench/burst.bench.ts`, or from bench/run.ts.
 */
import type { RequestRecord } from "../src/simulator/index.js";
import { VirtualTime } from "../src/simulator/virtual-time.js";
import { seedAppLabels } from "../src/demo/labels.js";
import { startStack, type Stack } from "../src/demo/stack.js";
import { AREAS } from "../src/store/areas.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const REPO = "acme/web";
const OTHER = "globex/shop";
const FORM = "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nweb\n";
const T0 = "2026-03-02T09:00:00Z";
const MIN = 60_000;

const fmtMin = (ms: number) => (ms >= 3_600_000 ? `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / MIN)} min` : `${(ms / MIN).toFixed(1)} min`);

/** Writes of the app's installation `key` per bucket of `size` ms from `from`. */
function perBucket(log: RequestRecord[], from: number, size: number): number[] {
  const out: number[] = [];
  for (const r of log) {
    const i = Math.floor((Date.parse(r.at) - from) / size);
    out[i] = (out[i] ?? 0) + 1;
  }
  return Array.from(out, (n) => n ?? 0);
}

/**
 * Installation A's organisation on the simulator's virtual clock from T0: acme/web, bob a writer, the
 * app's labels. Deliveries are only logged, and handed to the app by the scenario (over HTTP, a
 * delivery would wait for virtual time that cannot move while it is in flight).
 */
function setUpAcme(sim: Stack["sim"]): void {
  sim.clock.set(T0);
  sim.clock.follow();
  sim.setWebhookUrl(undefined);
  sim.createOrg("acme", { members: ["alice", "bob"] });
  sim.createRepo({ owner: "acme", name: "web" });
  sim.setPermission(REPO, "bob", "write");
  seedAppLabels(sim, REPO);
}

/** The burst on virtual time: lines of figures. */
async function burstOnVirtualTime(): Promise<string[]> {
  const out: string[] = [];
  const stack = await startStack({ now: T0, throttle: "production" });
  const { sim } = stack;
  const vt = VirtualTime.install(Date.parse(T0));
  try {
    setUpAcme(sim);
    sim.createOrg("globex", { members: ["gina"] });
    sim.createRepo({ owner: "globex", name: "shop" });
    sim.setPermission(OTHER, "gina", "write");
    const b = sim.addInstallation("globex");
    const a = sim.installationId;
    seedAppLabels(sim, OTHER);
    const open = (repo: string, i: number) => sim.as(repo === REPO ? "alice" : "gina").openIssue(repo, { title: `Incident ${i}`, body: FORM, labels: ["ims:incident", "priority:P1"] }).number;
    const numbers = sim.quietly(() => Array.from({ length: EVENTS }, (_, i) => open(REPO, i)));
    const [other, otherWarm] = sim.quietly(() => [open(OTHER, 0), open(OTHER, 1)]);
    const receive = (since: number) => sim.deliveries.slice(since).filter((d) => d.action === "labeled").map((d) => stack.probot.receive({ id: d.id, name: d.event, payload: JSON.parse(d.body) } as never));
    // one ordinary event on each installation first: config and labels read and cached, as in a process that has been running
    let since = sim.deliveries.length;
    sim.as("bob").addLabels(REPO, numbers[0]!, ["customer-facing"]);
    sim.as("gina").addLabels(OTHER, otherWarm!, ["customer-facing"]);
    const warm = Promise.allSettled(receive(since));
    await vt.runUntil(() => false, 5 * MIN);
    await warm;

    sim.rateLimits.secondary.enableContentLimits(80, 500);
    sim.rateLimits.reset();
    sim.resetRequestLog();
    const t0 = vt.now();
    since = sim.deliveries.length;
    for (const n of numbers) sim.as("bob").addLabels(REPO, n, ["impact:low"]);
    const failures: unknown[] = [];
    const handled = receive(since).map((p) => p.catch((e: unknown) => void failures.push(e)));
    // B's event a minute into the burst
    let bSent = 0;
    let bApplied = 0;
    let bDone = 0;
    setTimeout(() => {
      const s = sim.deliveries.length;
      sim.as("gina").addLabels(OTHER, other!, ["impact:low"]);
      bSent = vt.now();
      handled.push(...receive(s).map((p) => p.then(() => void (bDone = vt.now()), (e: unknown) => void failures.push(e))));
    }, MIN);
    const applied = (repo: string, n: number) => sim.labels(repo, n).includes("priority:P3");
    const everUnprioritised = new Set<number>();
    let appliedAtB = -1;
    const look = () => {
      for (const n of numbers) if (!sim.labels(REPO, n).some((l) => l.startsWith("priority:"))) everUnprioritised.add(n);
      if (bSent && !bApplied && applied(OTHER, other!)) {
        bApplied = vt.now();
        appliedAtB = numbers.filter((n) => applied(REPO, n)).length;
      }
    };
    vt.onStep = look;
    let settled = false;
    void Promise.all(handled).then(() => (settled = true));
    const drained = await vt.runUntil(() => settled && bSent > 0, 12 * 3_600_000);
    look();
    const drainMs = vt.now() - t0;

    const log = sim.requestLog.filter((r) => r.actor === sim.botLogin && !r.route.includes("access_tokens"));
    const writes = log.filter((r) => r.method !== "GET" && r.status < 400);
    const refused = log.filter((r) => r.status === 403 || r.status === 429).length;
    const appliedA = numbers.filter((n) => applied(REPO, n)).length;
    // A's writes (the request log names the bot, not the installation: A's are those on acme's repositories)
    const writesA = writes.filter((r) => r.path.startsWith("/repos/acme/"));
    const perMinute = perBucket(writesA, t0, MIN);
    const perHour = perBucket(writesA, t0, 60 * MIN);
    const spent = writesA[499] ? Date.parse(writesA[499].at) - t0 : null;
    const peakA = sim.rateLimits.secondary.peaks.get(`installation:${a}`) ?? 0;
    out.push(
      `burst of ${EVENTS} issues.labeled on installation A (Probot's production throttling, keyed per installation; GitHub's secondary limits on): ` +
        `${drained && appliedA === EVENTS ? "drained" : `NOT drained: ${appliedA} of ${EVENTS} applied, ${failures.length} events failed`} after ${fmtMin(drainMs)} of virtual time; ` +
        `${log.length} requests (${(log.length / EVENTS).toFixed(1)} an event), ${writes.length} writes (${(writes.length / EVENTS).toFixed(2)} an event), refused by a limit (403/429, then retried): ${refused}`,
    );
    const byRoute = Object.entries(sim.requestCounts((r) => writes.includes(r))).map(([route, n]) => `${route} ${n}`).join(", ");
    out.push(`  writes by route: ${byRoute}`);
    const refusals = log.filter((r) => r.status === 403 || r.status === 429);
    if (refusals.length) out.push(`  refused: ${Object.entries(sim.requestCounts((r) => refusals.includes(r))).map(([route, n]) => `${route} ${n}`).join(", ")}; the first at ${fmtMin(Date.parse(refusals[0]!.at) - t0)}, the last at ${fmtMin(Date.parse(refusals.at(-1)!.at) - t0)}`);
    out.push(`  most of A's requests in flight at once: ${peakA} (GitHub's limit 100); records ever seen without a priority label: ${everUnprioritised.size}`);
    out.push(
      `  A's writes a minute: mean ${(writesA.length / Math.max(drainMs / MIN, 1)).toFixed(1)}, max ${Math.max(0, ...perMinute)} (GitHub's limit 80); A's content-creating requests in each hour of the drain: ${perHour.join(", ")} (GitHub's limit 500)` +
        (spent !== null ? `: the drain is bound by GitHub's 500 an hour (the hour's 500 were spent after ${fmtMin(spent)}; the other ${writesA.length - 500} waited in the installation's content ledger for the window)` : ""),
    );
    out.push(`  installation B's event, sent 1 min into A's burst: ${bApplied ? `its priority applied ${((bApplied - bSent) / 1000).toFixed(0)} s after it was sent (when ${appliedAtB} of A's ${EVENTS} had theirs), the event done (every write) after ${((bDone - bSent) / 1000).toFixed(0)} s` : "NOT applied"}`);
  } finally {
    vt.uninstall();
    await stack.stop();
  }
  return out;
}

/**
 * A bulk edit on installation A alone, on virtual time as above: `labels` added to each of `records`
 * incident records (one `issues.labeled` per label, as GitHub sends them). Lines of figures: the
 * drain, requests, writes (per record, by route), refusals, writes a minute and an hour.
 */
async function bulkEdit(title: string, records: number, labels: string[]): Promise<string[]> {
  const stack = await startStack({ now: T0, throttle: "production" });
  const { sim } = stack;
  const vt = VirtualTime.install(Date.parse(T0));
  try {
    setUpAcme(sim);
    const numbers = sim.quietly(() => Array.from({ length: records }, (_, i) => sim.as("alice").openIssue(REPO, { title: `Incident ${i}`, body: FORM, labels: ["ims:incident", "priority:P1"] }).number));
    const receive = (since: number) => sim.deliveries.slice(since).filter((d) => d.action === "labeled").map((d) => stack.probot.receive({ id: d.id, name: d.event, payload: JSON.parse(d.body) } as never));
    // warm: one ordinary event first (config and labels read and cached), and every record's card in place
    let since = sim.deliveries.length;
    sim.as("bob").addLabels(REPO, numbers[0]!, ["warm-up"]);
    const warm = Promise.allSettled(receive(since));
    await vt.runUntil(() => false, 5 * MIN);
    await warm;
    sim.rateLimits.secondary.enableContentLimits(80, 500);
    sim.rateLimits.reset();
    sim.resetRequestLog();
    const t0 = vt.now();
    since = sim.deliveries.length;
    for (const n of numbers) sim.as("bob").addLabels(REPO, n, labels);
    const failures: unknown[] = [];
    const handled = receive(since).map((p) => p.catch((e: unknown) => void failures.push(e)));
    let settled = false;
    void Promise.all(handled).then(() => (settled = true));
    const drained = await vt.runUntil(() => settled, 12 * 3_600_000);
    const drainMs = vt.now() - t0;
    const log = sim.requestLog.filter((r) => r.actor === sim.botLogin && !r.route.includes("access_tokens"));
    const writes = log.filter((r) => r.method !== "GET" && r.status < 400);
    const refused = log.filter((r) => r.status === 403 || r.status === 429).length;
    const perMinute = perBucket(writes, t0, MIN);
    const perHour = perBucket(writes, t0, 60 * MIN);
    const priorities = new Map<string, number>();
    for (const n of numbers) for (const l of sim.labels(REPO, n).filter((x) => x.startsWith("priority:"))) priorities.set(l, (priorities.get(l) ?? 0) + 1);
    const byRoute = Object.entries(sim.requestCounts((r) => writes.includes(r))).map(([route, n]) => `${route} ${n}`).join(", ");
    return [
      `${title}: ${handled.length} events on ${records} records, ${drained && failures.length === 0 ? "drained" : `NOT drained (${failures.length} events failed)`} after ${fmtMin(drainMs)} of virtual time; ` +
        `${log.length} requests (${(log.length / handled.length).toFixed(1)} an event), ${writes.length} writes (${(writes.length / records).toFixed(2)} a record), refused by a limit (403/429): ${refused}`,
      `  writes by route: ${byRoute || "none"}; priorities after: ${[...priorities].map(([l, n]) => `${l} ${n}`).join(", ")}`,
      `  writes a minute: max ${Math.max(0, ...perMinute)}; in each hour: ${perHour.join(", ") || "0"}`,
    ];
  } finally {
    vt.uninstall();
    await stack.stop();
  }
}

/** A long-running process: 100,000 deliveries, then the heap and each store area against its bound. */
async function memory(): Promise<string[]> {
  const stack = await startStack({ now: T0 });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "bob"] });
    sim.createRepo({ owner: "acme", name: "web" });
    sim.setPermission(REPO, "bob", "write");
    seedAppLabels(sim, REPO);
    const number = sim.quietly(() => sim.as("alice").openIssue(REPO, { title: "Incident", body: FORM, labels: ["ims:incident", "priority:P1"] }).number);
    sim.setWebhookUrl(undefined);
    const since = sim.deliveries.length;
    sim.as("bob").addLabels(REPO, number, ["customer-facing"]);
    const payload = JSON.parse(sim.deliveries.slice(since).find((d) => d.action === "labeled")!.body) as Record<string, unknown>;
    const t1 = performance.now();
    for (let i = 0; i < DELIVERIES; i++) await stack.probot.receive({ id: `bench-${i}`, name: "issues", payload } as never);
    const perDelivery = (performance.now() - t1) / DELIVERIES;
    global.gc?.();
    const heap = process.memoryUsage().heapUsed / 1e6;
    const sizes = (stack.store as unknown as { sizes?: () => Record<string, number> }).sizes?.() ?? {};
    const bounds = AREAS as Record<string, { maxEntries: number }>;
    const areas = Object.entries(sizes)
      .filter(([, n]) => n > 0)
      .map(([area, n]) => `${area} ${n}/${bounds[area]?.maxEntries ?? "?"}`)
      .join(", ");
    return [`after ${DELIVERIES.toLocaleString("en")} deliveries (${perDelivery.toFixed(2)} ms each): heap ${heap.toFixed(0)} MB${global.gc ? "" : " (without --expose-gc: an upper bound)"}; store areas (entries/bound): ${areas || "none"}`];
  } finally {
    await stack.stop();
  }
}

export async function benchBurst(): Promise<string[]> {
  const only = process.env.BENCH_SCENARIO;
  const out: string[] = [];
  if (!only || only === "priority") out.push(...(await burstOnVirtualTime()));
  if (!only || only === "unchanged") out.push(...(await bulkEdit("bulk edit adding a label that is no classification label", EVENTS, ["customer-facing"])));
  if (!only || only === "two") out.push(...(await bulkEdit("bulk edit adding two classification labels (impact:low, urgency:low) to each record", EVENTS / 2, ["impact:low", "urgency:low"])));
  if (!only || only === "memory") out.push(...(await memory()));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchBurst()) console.log(line);
}
