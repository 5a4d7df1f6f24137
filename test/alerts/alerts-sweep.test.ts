import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { MIN, T0, sweepNow } from "../helpers/incident-stack.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";

const REPO = "acme/api";
const records = (stack: Stack) => {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    try {
      if (stack.sim.issue(REPO, n).labels.some((l) => l.startsWith("source:"))) out.push(n);
    } catch {
      return out;
    }
  }
};

describe("the sweep picks up open alerts without a record, a bounded number at a time (issue 13)", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ now: T0 });
    stack.sim.createOrg("acme", { members: ["sec1"] });
    stack.sim.createRepo({ owner: "acme", name: "api", files: { ".github/ims.yml": "alerts:\n  perDelivery: 3\n" } });
    seedAppLabels(stack.sim, REPO);
    stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "security", members: ["sec1"] }));
  });
  afterEach(async () => stack.stop());

  it("opens at most alerts.perDelivery records a sweep for alerts whose webhooks were missed, the rest on the next sweep (owed, whatever alerts.sweepMinutes says), never twice", async () => {
    const { sim } = stack;
    sim.quietly(() => {
      for (let i = 0; i < 5; i++) sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: `npm/p${i}` });
      sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", {});
    });
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(3);
    // the three left are owed: the next sweep lists the alerts again, within alerts.sweepMinutes (60)
    sim.clock.advance(10 * MIN);
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(6);
    // with nothing owed, the alerts are not listed again within alerts.sweepMinutes
    sim.clock.advance(10 * MIN);
    sim.resetRequestLog();
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(6);
    expect(sim.requestCounts((r) => r.route.includes("/alerts"))).toEqual({});
    sim.clock.advance(60 * MIN);
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(6);
    expect(records(stack).map((n) => sim.issue(REPO, n).labels.find((l) => l.startsWith("source:"))).sort()).toEqual([...Array(5).fill("source:dependabot"), "source:secret-scanning"]);
  });

  it("without the alert permissions the feature is off: the sweep opens nothing and fails nothing else", async () => {
    const { sim } = stack;
    sim.quietly(() => sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" }));
    // everything app.yml asks for but the three alert permissions
    const { vulnerability_alerts: _v, security_events: _s, secret_scanning_alerts: _x, ...rest } = sim.core.app.permissions;
    sim.setGrantedPermissions(rest as Record<string, "read" | "write">);
    await sweepNow(stack, REPO);
    expect(records(stack)).toEqual([]);
    // the dashboard says so, naming the permissions to grant
    const dashboard = [...sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body).toContain("## Security alerts: the feature is off");
    expect(dashboard?.body).toContain("`vulnerability_alerts: read`");
    expect(dashboard?.body).toContain("`security_events: read`");
    expect(dashboard?.body).toContain("`secret_scanning_alerts: read`");
  });

  it("with the permissions the dashboard says the alerts feature is on", async () => {
    await sweepNow(stack, REPO);
    const dashboard = [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body).toContain("## Security alerts\n\nOn:");
    expect(dashboard?.body).not.toContain("the feature is off");
  });

  it("an organisation's installation sweep lists its open alerts with three organisation calls, not three per repository, and only once in alerts.sweepMinutes", async () => {
    const { sim } = stack;
    sim.quietly(() => {
      for (let i = 0; i < 12; i++) sim.createRepo({ owner: "acme", name: `svc-${i}` });
      seedAppLabels(sim, "acme/svc-4");
      sim.as("dependabot[bot]").raiseAlert("acme/svc-4", "dependabot", { severity: "critical", package: "npm/left-pad" });
      sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", {});
    });
    const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN });
    sim.resetRequestLog();
    await scheduler.tick();
    await sim.settle();
    const alertLists = () => sim.requestCounts((r) => r.method === "GET" && r.route.endsWith("/alerts"));
    expect(alertLists()).toEqual({ "GET /orgs/{org}/dependabot/alerts": 1, "GET /orgs/{org}/code-scanning/alerts": 1, "GET /orgs/{org}/secret-scanning/alerts": 1 });
    const opened = (repo: string) => {
      const out: string[] = [];
      for (let n = 1; ; n++) {
        try {
          const i = sim.issue(repo, n);
          const src = i.labels.find((l) => l.startsWith("source:"));
          if (src) out.push(src);
        } catch {
          return out;
        }
      }
    };
    expect(opened("acme/svc-4")).toEqual(["source:dependabot"]);
    expect(opened(REPO)).toEqual(["source:secret-scanning"]);
    // the next ticks within the hour list nothing
    sim.resetRequestLog();
    sim.clock.advance(10 * MIN);
    await scheduler.tick();
    await sim.settle();
    expect(alertLists()).toEqual({});
    sim.clock.advance(60 * MIN);
    await scheduler.tick();
    await sim.settle();
    expect(alertLists()).toEqual({ "GET /orgs/{org}/dependabot/alerts": 1, "GET /orgs/{org}/code-scanning/alerts": 1, "GET /orgs/{org}/secret-scanning/alerts": 1 });
    expect(opened("acme/svc-4")).toEqual(["source:dependabot"]);
  });
});
