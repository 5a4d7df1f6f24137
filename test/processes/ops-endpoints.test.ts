import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, settleProcesses, startAppProcess, stopAllProcesses } from "../helpers/processes.js";
import { describeWithRedis } from "../helpers/redis.js";

const REPO = "acme/web";
let sim: Simulator | undefined;

async function simulator(): Promise<Simulator> {
  sim = await startSimulator({ webhookSecret: "ims-ops-secret", now: "2026-03-02T09:00:00Z" });
  sim.createOrg("acme", { members: ["alice"] });
  sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(sim, REPO); // a person's issue gets only labels that exist, as on GitHub
  return sim;
}

/** The samples of a Prometheus text exposition: `name{labels}` -> value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}
const sum = (m: Map<string, number>, prefix: string) => [...m].filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v, 0);

// real processes on a loaded 2-core CI machine: a wide guard against a hang, not a measure
vi.setConfig({ testTimeout: 120_000 });
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await sim?.stop();
  sim = undefined;
});

describe("/metrics and /healthz of a `probot run` process", () => {
  it("after an incident's webhooks, /metrics counts them by event and outcome, and every GitHub call by route and status", async () => {
    const s = await simulator();
    const app = await startAppProcess(s);
    s.setWebhookUrl(app.webhookUrl);
    s.as("alice").openIssue(REPO, { title: "Checkout down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "500s." }), labels: ["ims:incident"] });
    await settleProcesses(s, [app]);
    const opened = s.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    s.redeliver(opened.id);
    await settleProcesses(s, [app]);

    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = samples(await res.text());
    const issueDeliveries = s.deliveries.filter((d) => d.event === "issues").length;
    expect(sum(m, 'ims_webhooks_total{event="issues",outcome="handled"}') + sum(m, 'ims_webhooks_total{event="issues",outcome="duplicate"}')).toBe(issueDeliveries);
    expect(m.get('ims_webhooks_total{event="issues",outcome="duplicate"}')).toBe(1); // the redelivery
    expect(m.get('ims_webhook_handler_seconds_count{event="issues"}')).toBe(issueDeliveries);
    // the same calls the simulator answered, route by route (labels are templates, never names)
    const own = s.requestLog.filter((r) => r.actor === s.botLogin);
    expect(sum(m, "ims_github_requests_total{")).toBe(s.requestLog.length); // the app's own (JWT) calls too
    for (const r of s.requestLog) {
      const route = r.route.slice(r.route.indexOf(" ") + 1);
      expect(m.get(`ims_github_requests_total{method="${r.method}",route="${route}",status="${r.status}"}`), r.route).toBeGreaterThan(0);
    }
    const labelWrites = own.filter((r) => r.method === "POST" && r.route === "POST /repos/{owner}/{repo}/issues/{issue_number}/labels").length;
    expect(labelWrites).toBeGreaterThan(0);
    expect(m.get('ims_github_requests_total{method="POST",route="/repos/{owner}/{repo}/issues/{issue_number}/labels",status="200"}')).toBe(labelWrites);
    expect(m.get('ims_github_rate_limit_remaining{resource="core"}')).toBeGreaterThan(4_000);
    expect(m.has("ims_process_resident_memory_bytes")).toBe(true);
  });

  it("/healthz is ready without Redis, and not ready while the configured Redis is unreachable", async () => {
    const s = await simulator();
    const plain = await startAppProcess(s, { name: "no-redis" });
    const ok = await fetch(`${plain.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", checks: [] });

    // port 9 (discard) on loopback: nothing listens, connections are refused
    const lost = await startAppProcess(s, { name: "redis-gone", env: { REDIS_URL: "redis://127.0.0.1:9" } });
    const down = await fetch(`${lost.url}/healthz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; checks: Array<{ name: string; ok: boolean }> };
    expect(body.status).toBe("unavailable");
    expect(body.checks).toMatchObject([{ name: "redis", ok: false }]);
  });
});

describeWithRedis("/healthz with a reachable Redis", (url) => {
  it("is ready", async () => {
    const s = await simulator();
    const app = await startAppProcess(s, { env: { REDIS_URL: `${url.replace(/\/\d*$/, "")}/7` } });
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: [{ name: "redis", ok: true }] });
  });
});
