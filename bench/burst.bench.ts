/**
 * Burst benchmark (issue 10, section 6): a bulk edit of 1,000 incident records (`issues.labeled`,
 * `impact:low` on each) handed to the app all at once, as GitHub delivers a bulk edit. Measured at the
 * simulator: requests and writes per event, the most requests in flight at once, and the wall time
 * with throttling off. The drain time under production throttling is then computed, not waited for
 * (it is tens of minutes of real time): Probot's throttle plugin spaces one key's writes 1 s apart
 * and comment creation 3 s apart (plugin-throttling's `write` and `notifications` groups), and GitHub
 * allows 80 content-creating requests a minute and 500 an hour. So 1,000 events that each write
 * cannot drain "in minutes": the figure printed is the floor GitHub itself sets. The burst is sent to
 * an in-process app without Redis (no queue); the bench says plainly when it did not drain, and how
 * the deliveries were answered (the simulator, like GitHub, gives up on a delivery after 10 s).
 * Not measured here: the time another installation's event waits (the simulator serves one
 * installation), and the burst through the BullMQ queue. BENCH_WAIT_MS caps the wait for the drain.
 *
 * Then the memory of a long-running process: 100,000 more deliveries through the app (an unrelated
 * label on a record, the cheapest event that still goes through the guard's delivery claim), the heap,
 * and each store area's size against its bound (`src/store/areas.ts`).
 * Run alone with `node --expose-gc --import tsx bench/burst.bench.ts`, or from bench/run.ts.
 */
import { seedAppLabels } from "../src/demo/labels.js";
import { startStack } from "../src/demo/stack.js";
import { AREAS } from "../src/store/areas.js";

const EVENTS = 1_000;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const REPO = "acme/web";
const FORM = "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nweb\n";

/** Production throttling and GitHub's content limits: the least time `writes` (of which `comments` create comments) can take. */
function drainFloorMinutes(writes: number, comments: number): { throttle: number; github: number } {
  const throttle = Math.max(writes * 1, comments * 3) / 60; // one throttle key: writes 1 s apart, comments 3 s apart
  const github = Math.max(writes / 80, writes > 500 ? ((writes - 500) / 500) * 60 + 1 : 0); // 80 a minute, 500 an hour
  return { throttle, github };
}

/** How the deliveries were answered: "202 ×318, failed (The operation was aborted due to timeout) ×618". */
function answerCounts(answers: { status: number; error?: string }[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const k = a.status ? String(a.status) : `failed (${a.error ?? "no answer"})`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} x${n}`).join(", ");
}

export async function benchBurst(): Promise<string[]> {
  const out: string[] = [];
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "bob"] });
    sim.createRepo({ owner: "acme", name: "web" });
    sim.setPermission(REPO, "bob", "write");
    seedAppLabels(sim, REPO);
    const numbers = sim.quietly(() => Array.from({ length: EVENTS }, (_, i) => sim.as("alice").openIssue(REPO, { title: `Incident ${i}`, body: FORM, labels: ["ims:incident", "priority:P1"] }).number));
    // one ordinary event first: config and labels read and cached, as in a process that has been running
    sim.as("bob").addLabels(REPO, numbers[0]!, ["customer-facing"]);
    await sim.settle();

    sim.setWebhookUrl(undefined); // the burst is handed over at once, not one after another
    const since = sim.deliveries.length;
    for (const n of numbers) sim.as("bob").addLabels(REPO, n, ["impact:low"]);
    const burst = sim.deliveries.slice(since).filter((d) => d.action === "labeled");
    sim.resetRequestLog();
    sim.rateLimits.secondary.peakInFlight = 0;
    const t0 = performance.now();
    const answers = await Promise.all(burst.map((d) => sim.sendTo(d.id, stack.webhookUrl)));
    // an answer is no proof of work done (Probot answers 202 after 9 s and works on): drained when every
    // record shows its new priority and no request has come for a second
    const allApplied = () => numbers.every((n) => sim.labels(REPO, n).includes("priority:P3"));
    for (let quiet = 0, seen = -1; !(allApplied() && quiet >= 5) && performance.now() - t0 < Number(process.env.BENCH_WAIT_MS ?? 20 * 60_000); ) {
      await new Promise((r) => setTimeout(r, 200));
      quiet = sim.requestLog.length === seen ? quiet + 1 : 0;
      seen = sim.requestLog.length;
    }
    await sim.settle();
    const ms = performance.now() - t0;
    const mine = sim.requestLog.filter((r) => r.actor === sim.botLogin && !r.route.includes("access_tokens"));
    const writes = mine.filter((r) => r.method !== "GET");
    const refused = mine.filter((r) => r.status === 403 || r.status === 429).length;
    const comments = writes.filter((r) => r.route.endsWith("/comments") && r.method === "POST").length;
    const unprioritised = numbers.filter((n) => !sim.labels(REPO, n).some((l) => l.startsWith("priority:"))).length;
    // the floor for the whole burst, from the writes of the events that were applied
    const applied = numbers.filter((n) => sim.labels(REPO, n).includes("priority:P3")).length;
    const scale = applied > 0 ? burst.length / applied : 0;
    const floor = drainFloorMinutes(Math.round(writes.length * scale), Math.round(comments * scale));
    out.push(
      `burst of ${burst.length} issues.labeled (answers: ${answerCounts(answers)}; ${applied} applied): ${mine.length} requests (${(mine.length / burst.length).toFixed(1)} an event), ` +
        `${writes.length} writes (${comments} comments), most in flight at once ${sim.rateLimits.secondary.peakInFlight} (GitHub's limit 100); records left without a priority: ${unprioritised}; refused by a rate limit (403/429): ${refused}`,
    );
    out.push(`  throttling off, no Redis: ${applied === burst.length ? "drained" : `NOT drained: ${applied} of ${burst.length} applied`} after ${(ms / 1000).toFixed(1)} s`);
    out.push(
      `  production throttling (computed for all ${burst.length} events at ${(writes.length / Math.max(applied, 1)).toFixed(1)} writes an applied event): one installation's writes 1 s apart and comments 3 s apart: at least ${floor.throttle.toFixed(0)} min; ` +
        `GitHub's 80/min and 500/h content limits: at least ${floor.github.toFixed(0)} min (${((writes.length * scale) / Math.max(floor.github, floor.throttle, 1e-9)).toFixed(0)} writes a minute at best)${writes.length * scale > 500 ? `; over 500 writes, "minutes" is impossible: GitHub's hourly limit sets the floor` : ""}`,
    );

    // a long-running process: 100,000 more deliveries, then the heap and each store area against its bound
    const template = JSON.parse(burst[0]!.body) as Record<string, unknown> & { label: { name: string } };
    const payload = { ...template, label: { ...template.label, name: "customer-facing" } };
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
    out.push(`after ${DELIVERIES.toLocaleString("en")} more deliveries (${perDelivery.toFixed(2)} ms each): heap ${heap.toFixed(0)} MB${global.gc ? "" : " (without --expose-gc: an upper bound)"}; store areas (entries/bound): ${areas || "none"}`);
  } finally {
    await stack.stop();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchBurst()) console.log(line);
}
