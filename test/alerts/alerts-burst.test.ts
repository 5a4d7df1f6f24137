import { afterEach, describe, expect, it } from "vitest";
import { runAlertBurst, REPO, type AlertBurst } from "../../src/demo/alert-burst.js";
import { registry } from "../../src/ops/metrics.js";

/** ims_alert_records_deferred_total as /metrics shows it, summed over `via`. */
async function deferredOnMetrics(): Promise<number> {
  const text = await registry.getSingleMetricAsString("ims_alert_records_deferred_total");
  return [...text.matchAll(/^ims_alert_records_deferred_total\{[^}]*\} (\d+)$/gm)].reduce((n, [, v]) => n + Number(v), 0);
}

const writesOfBot = (run: AlertBurst) =>
  run.stack.sim.requestCounts((r) => r.method !== "GET" && r.actor === run.stack.sim.botLogin && !r.route.includes("access_tokens"));

/**
 * Issue 13 acceptance, "a burst of 200 alerts from one push": 200 Dependabot alerts (one lockfile,
 * 120 packages) and 20 code scanning alerts at once, GitHub's content limits on, on the simulator's
 * virtual clock; the deliveries, then the installation sweep every 5 virtual minutes.
 */
describe("a burst of 200 Dependabot and 20 code scanning alerts from one push (issue 13 acceptance)", () => {
  let run: AlertBurst | null = null;
  afterEach(async () => {
    await run?.stack.stop();
    run = null;
  });

  it("ends with exactly one record per alert, within GitHub's content limits, the rest deferred to the sweep; a redelivery of any alert writes nothing", { timeout: 300_000 }, async () => {
    const before = await deferredOnMetrics();
    run = await runAlertBurst({ dependabot: 200, codeScanning: 20 }, () => 0);
    const f = run.figures;
    expect(f.keys).toBe(220);
    expect({ missing: f.missing, duplicates: f.duplicates }).toEqual({ missing: 0, duplicates: 0 });
    expect(f.minutesUntilAll).not.toBeNull();
    // GitHub's limits held throughout: 80 content-creating requests in any minute, 500 in any hour, nothing refused
    expect(f.mostInMinute).toBeLessThanOrEqual(80);
    expect(f.mostInHour).toBeLessThanOrEqual(500);
    expect(f.refused).toBe(0);
    // no search per alert: the searches are the installation sweep's, a few a tick (GitHub allows 30 a minute)
    expect(f.searches).toBeLessThan(f.alerts / 2);
    expect(f.searchesMostInMinute).toBeLessThanOrEqual(30);
    // every delivery was taken and handled without an error (a handler still at work after 9 s, on a
    // loaded machine, is answered 202 and finishes after); the records the budget had no room for
    // were deferred, and /metrics says so
    expect(Object.values(f.answers).reduce((a, b) => a + b, 0)).toBe(220);
    expect(Object.keys(f.answers).filter((s) => s !== "200" && s !== "202")).toEqual([]);
    expect(f.failed).toBe(0);
    expect((await deferredOnMetrics()) - before).toBeGreaterThan(0);
    // each record is a security event of its source
    const { sim } = run.stack;
    for (const [, [n]] of run.recordsByKey()) expect(sim.issue(REPO, n!).labels).toEqual(expect.arrayContaining(["ims:incident", "security:event"]));

    // a redelivery of every alert's delivery writes nothing and opens nothing
    const alertDeliveries = sim.deliveries.filter((d) => d.event.endsWith("_alert") && !d.redelivery);
    sim.resetRequestLog();
    for (const d of alertDeliveries) sim.redeliver(d.id);
    await sim.settle();
    expect(writesOfBot(run)).toEqual({});
    // the same events under new delivery ids (GitHub sending them again, hours later) find their records:
    // nothing opened (what they may write is the record's evaluation at this later time: its SLA escalation)
    for (const d of [alertDeliveries[0]!, alertDeliveries[150]!, alertDeliveries.at(-1)!]) {
      const payload = JSON.parse(d.body) as Record<string, unknown>;
      await run.stack.probot.receive({ id: `again-${d.id}`, name: d.event, payload } as never);
    }
    await sim.settle();
    expect(writesOfBot(run)["POST /repos/{owner}/{repo}/issues"]).toBeUndefined();
    const by = run.recordsByKey();
    expect([...by.values()].every((n) => n.length === 1)).toBe(true);
  });

  // the grouped 200-alert burst is measured by bench/alerts-burst.bench.ts; here a smaller one keeps CI short
  it("with alerts.group: true a burst ends with one record per package and severity, within the limits, none twice", { timeout: 300_000 }, async () => {
    run = await runAlertBurst({ dependabot: 60, codeScanning: 0, group: true, packages: 10 });
    const f = run.figures;
    // 10 packages, each with alerts of two severities: 20 records for 60 alerts
    expect(f.keys).toBe(20);
    expect({ missing: f.missing, duplicates: f.duplicates }).toEqual({ missing: 0, duplicates: 0 });
    expect(f.mostInMinute).toBeLessThanOrEqual(80);
    expect(f.mostInHour).toBeLessThanOrEqual(500);
    expect(f.refused).toBe(0);
    // a package's record follows every alert of its severity that shares it
    const { sim } = run.stack;
    const shared = [...run.recordsByKey()].find(([k]) => k === "dependabot:npm/pkg-0:critical");
    expect(shared).toBeDefined();
    expect(sim.issue(REPO, shared![1][0]!).state).toBe("open");
  });
});
