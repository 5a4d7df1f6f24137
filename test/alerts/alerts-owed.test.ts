import { afterEach, describe, expect, it } from "vitest";
import { parseAlertState } from "../../src/alerts/state-marker.js";
import type { Stack } from "../../src/demo/stack.js";
import { fillAlertShare } from "../helpers/content.js";
import { RedisStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/index.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { incidentStack, MIN, REPO, sweepNow, useIncidentStack, writes } from "../helpers/incident-stack.js";
import { describeWithRedis, uniquePrefix } from "../helpers/redis.js";

/** The app's alert records of a source (its own issues with the alert's source label), by number. */
const recordsOf = (stack: Stack, source: string) =>
  [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.user === stack.sim.botLogin && i.labels.includes(`source:${source}`));

/** Spends the installation's whole minute share of alert records: every record opened now is deferred. */
async function fillBudget(stack: Stack): Promise<void> {
  await fillAlertShare(stack);
}

/** A critical Dependabot alert fixed and a code scanning alert dismissed with a reason and a comment, all while the budget defers their records. */
async function fixedAndDismissedWhileDeferred(stack: Stack): Promise<void> {
  const { sim } = stack;
  await fillBudget(stack);
  sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash" });
  sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: "high" });
  await sim.settle();
  sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
  sim.as("sec1").changeAlert(REPO, "code-scanning", 1, { action: "dismissed", reason: "false positive", comment: "the input is a constant" });
  await sim.settle();
  // every delivery was deferred: nothing written yet, and GitHub lists neither alert as open any more
  expect(recordsOf(stack, "dependabot")).toEqual([]);
  expect(recordsOf(stack, "code-scanning")).toEqual([]);
}

/** The two records the sweep owes: opened and closed, saying how each alert ended. */
function expectClosedRecords(stack: Stack): void {
  const [fixed, ...moreFixed] = recordsOf(stack, "dependabot");
  const [dismissed, ...moreDismissed] = recordsOf(stack, "code-scanning");
  expect({ moreFixed, moreDismissed }).toEqual({ moreFixed: [], moreDismissed: [] });
  expect(fixed).toMatchObject({ state: "closed", stateReason: "completed" });
  expect(fixed!.body).toContain("**Status:** fixed");
  // the record is opened after the alert ended: it says when GitHub raised and fixed it, not only when the record was opened
  expect(fixed!.body).toMatch(/\*\*Recorded after the fact:\*\* GitHub raised this alert at 2026-03-02T09:00:00(\.000)?Z and had it fixed at 2026-03-02T09:00:00(\.000)?Z when this record was opened/);
  expect(parseAlertState(fixed!.body ?? "")).toMatchObject({ source: "dependabot", number: 1, state: "fixed", severity: "critical" });
  expect(fixed!.labels).toEqual(expect.arrayContaining(["ims:incident", "security:event", "alert-severity:critical", "priority:P1"]));
  expect(dismissed).toMatchObject({ state: "closed" });
  expect(dismissed!.body).toMatch(/\*\*Status:\*\* dismissed by @\u200bsec1, reason: false positive, “the input is a constant”/);
  expect(parseAlertState(dismissed!.body ?? "")).toMatchObject({ source: "code-scanning", number: 1, state: "dismissed", dismissedBy: "sec1", reason: "false positive", comment: "the input is a constant", lacks: null });
  expect(dismissed!.labels).not.toContain("needs-security-review");
}

describe("an alert fixed or dismissed while its record is deferred still gets its record, closed as it ended", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("the repository sweep opens and closes the owed records once the budget has room, and owes nothing after", async () => {
    const { sim } = stack;
    await fixedAndDismissedWhileDeferred(stack);
    sim.clock.advance(2 * MIN);
    await sweepNow(stack);
    expectClosedRecords(stack);
    // nothing is owed any more: a later sweep within alerts.sweepMinutes lists and reads no alert
    sim.clock.advance(10 * MIN);
    sim.resetRequestLog();
    await sweepNow(stack);
    expect(sim.requestCounts((r) => r.route.includes("/alerts"))).toEqual({});
    expectClosedRecords(stack);
    // the fixed alert's delivery, redelivered now, finds the record as it is: nothing written
    const fixedDelivery = sim.deliveries.find((d) => d.event === "dependabot_alert" && d.action === "fixed")!;
    sim.resetRequestLog();
    sim.redeliver(fixedDelivery.id);
    await sim.settle();
    expect(writes(stack)).toEqual({});
    expectClosedRecords(stack);
  });

  it("a dismissal without a written justification, owed, gets a record left open for the security team", async () => {
    const { sim } = stack;
    await fillBudget(stack);
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/minimist" });
    await sim.settle();
    sim.as("bob").changeAlert(REPO, "dependabot", 1, { action: "dismissed", reason: "tolerable_risk" });
    await sim.settle();
    sim.clock.advance(2 * MIN);
    await sweepNow(stack);
    const [record, ...more] = recordsOf(stack, "dependabot");
    expect(more).toEqual([]);
    expect(record).toMatchObject({ state: "open" });
    expect(record!.labels).toContain("needs-security-review");
    expect(record!.body).toContain("without a written justification");
  });
});

describeWithRedis("owed alert records survive a restart on Redis", (url) => {
  let stack: Stack | null = null;
  const stores: Store[] = [];
  afterEach(async () => {
    await stack?.stop();
    stack = null;
    for (const s of stores.splice(0)) await s.close();
  });

  it("a replica restarted after the deferrals opens and closes the records at its installation sweep", async () => {
    stack = await incidentStack();
    const prefix = uniquePrefix("alerts-owed");
    const connect = () => {
      const s = RedisStore.connect(url, { prefix });
      stores.push(s);
      return s;
    };
    await stack.restartApp({ store: connect() });
    await fixedAndDismissedWhileDeferred(stack);
    // the process restarts: a new app on a new connection to the same Redis
    await stack.restartApp({ store: connect() });
    const { sim } = stack;
    sim.clock.advance(2 * MIN);
    const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN });
    await scheduler.tick();
    await sim.settle();
    expectClosedRecords(stack);
  });
});
