import { Redis } from "ioredis";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, settleProcesses, startAppProcess, stopAllProcesses } from "../helpers/processes.js";
import { describeWithRedis } from "../helpers/redis.js";
import { seedAppLabels } from "../../src/demo/labels.js";

const REPO = "acme/web";
let sim: Simulator | undefined;

async function simulator(): Promise<Simulator> {
  sim = await startSimulator({ webhookSecret: "ims-processes-secret", now: "2026-03-02T09:00:00Z" });
  sim.createOrg("acme", { members: ["alice"] });
  sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(sim, "acme/web");
  return sim;
}

function fileIncident(s: Simulator) {
  return s.as("alice").openIssue(REPO, { title: "Checkout down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "Checkout returns 500." }), labels: ["ims:incident"] });
}

const cards = (s: Simulator, n: number) => s.comments(REPO, n).filter((c) => c.body.startsWith("<!-- ims-card -->"));

// real processes on a loaded 2-core CI machine: a wide guard against a hang, not a measure
vi.setConfig({ testTimeout: 120_000 });
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await sim?.stop();
  sim = undefined;
});

describe("a real `probot run` process against the simulator (GitHub Enterprise paths)", () => {
  it("classifies an incident filed through the simulator: priority label and one card", async () => {
    const s = await simulator();
    const app = await startAppProcess(s);
    s.setWebhookUrl(app.webhookUrl);
    const issue = fileIncident(s);
    await settleProcesses(s, [app]);
    const opened = s.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    expect([200, 202], app.output.join("")).toContain(opened.status);
    expect(s.labels(REPO, issue.number)).toContain("priority:P1");
    expect(cards(s, issue.number)).toHaveLength(1);
    // every call the process made went through Enterprise's /api/v3 and was answered
    const own = s.requestLog.filter((r) => r.actor === s.botLogin);
    expect(own.length).toBeGreaterThan(0);
    expect(s.unknownRoutes).toEqual([]);
  });
});

describeWithRedis("a real `probot run` process with REDIS_URL set", (url) => {
  // a database of its own, so that the throttle keys looked at are this test's
  const redisUrl = `${url.replace(/\/\d*$/, "")}/7`;

  it("starts, classifies an incident, and keeps Probot's request throttle (Bottleneck) in Redis", async () => {
    const redis = new Redis(redisUrl);
    try {
      await redis.flushdb();
      const s = await simulator();
      const app = await startAppProcess(s, { env: { REDIS_URL: redisUrl } });
      expect(app.output.join("")).not.toMatch(/Cannot find (module|package) 'ioredis'/);
      s.setWebhookUrl(app.webhookUrl);
      const issue = fileIncident(s);
      await settleProcesses(s, [app]);
      expect(s.labels(REPO, issue.number)).toContain("priority:P1");
      expect(cards(s, issue.number)).toHaveLength(1);
      // @octokit/plugin-throttling's limiters ("octokit-global", "octokit-write", ...) on Bottleneck's Redis datastore
      const keys = await redis.keys("b_octokit-*");
      expect(keys.some((k) => k.startsWith("b_octokit-global"))).toBe(true);
      expect(keys.some((k) => k.startsWith("b_octokit-write"))).toBe(true);
    } finally {
      await redis.quit();
    }
  });
});
