import { Redis } from "ioredis";
import { afterEach, beforeAll, expect, it } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import type { Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, startAppProcess, stopAllProcesses } from "../helpers/processes.js";
import { describeWithRedis, uniquePrefix } from "../helpers/redis.js";
import { REPO, clusterSimulator } from "./cluster-scenarios.js";

// Real `probot run` processes on one Redis: webhook work waits on the durable queue (REDIS_URL).
let sim: Simulator | undefined;
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await sim?.stop();
  sim = undefined;
});

const cards = (s: Simulator, n: number) => s.comments(REPO, n).filter((c) => c.body.startsWith("<!-- ims-card -->"));
const until = async (done: () => boolean, what: string) => {
  // a guard against hanging, not a measure: the dead process's reservations in the clustered throttle
  // (Bottleneck on Redis) lapse only after its 60 s expiration, and the CI machine is shared
  const limit = performance.now() + 180_000;
  while (!done()) {
    if (performance.now() > limit) throw new Error(`still not done after 180 s: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describeWithRedis("the webhook queue (REDIS_URL)", (url) => {
  // a database of its own: probot-run.test.ts empties database 7 (its throttle keys), and the throttle's
  // limiters are keyed by installation id, 1 in every simulator, so sharing one would share their reservations
  const redisUrl = `${url.replace(/\/\d*$/, "")}/9`;

  it("a process killed with queued work loses none of it: another process finishes every record, once", async () => {
    // emptied first: the throttle's reservations and spacing are kept by the times its clients send, and
    // every run's processes start at the simulator's one start time, so a run must not inherit the last one's
    const redis = new Redis(redisUrl);
    try {
      await redis.flushdb();
    } finally {
      await redis.quit();
    }
    sim = await clusterSimulator();
    const env = { REDIS_URL: redisUrl, IMS_REDIS_PREFIX: uniquePrefix("queue"), IMS_QUEUE_LOCK_MS: "2000" };
    const a = await startAppProcess(sim, { name: "a", env });
    sim.setWebhookUrl(undefined);
    const issues = [1, 2, 3, 4].map((i) =>
      sim!.as("alice").openIssue(REPO, { title: `Checkout down ${i}`, body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "500s." }), labels: ["ims:incident"] }),
    );
    const opened = sim.deliveries.filter((d) => d.event === "issues" && d.action === "opened");
    const sent = opened.map((d) => sim!.sendTo(d.id, a.webhookUrl));
    // the process has begun writing (its throttle spaces writes a second apart): it dies now
    await until(() => sim!.requestLog.some((r) => r.method !== "GET" && r.actor === sim!.botLogin), "the first write of process a");
    await a.stop("SIGKILL");
    await Promise.allSettled(sent);
    const b = await startAppProcess(sim, { name: "b", env });
    await until(() => issues.every((i) => cards(sim!, i.number).length > 0), "every record's card");
    await until(() => issues.every((i) => sim!.labels(REPO, i.number).includes("priority:P1")), "every record's priority");
    for (const i of issues) expect(cards(sim, i.number)).toHaveLength(1);
    expect(b.child.exitCode).toBeNull();
  }, 400_000);
});
