import { describe, expect, it } from "vitest";
import { fourKeys, median, type DoraDeployment, type DoraInput } from "../../src/deploy/dora.js";

const period = { from: "2026-03-02T00:00:00.000Z", to: "2026-03-29T23:59:59.999Z" }; // four whole weeks, Monday to Sunday
let nextId = 1;
const dep = (createdAt: string, over: Partial<DoraDeployment> = {}): DoraDeployment => ({
  id: nextId++,
  sha: `sha-${createdAt}`,
  environment: "production",
  createdAt,
  finishedAt: createdAt,
  outcome: "success",
  rollback: false,
  changes: [],
  ...over,
});
const input = (over: Partial<DoraInput>): DoraInput => ({ repo: "acme/web", period, production: ["production"], deployments: [], changes: [], incidents: [], ...over });

describe("DORA's four keys (Google Four Keys definitions)", () => {
  it("a period with no deployments has no rates, no lead time and frequency none", () => {
    const k = fourKeys(input({}));
    expect(k.deploymentFrequency).toMatchObject({ successful: 0, perDay: 0, bucket: "none" });
    expect(k.leadTime).toEqual({ medianMinutes: null, changes: 0 });
    expect(k.changeFailureRate.rate).toBeNull();
    expect(k.timeToRestore).toEqual({ medianMinutes: null, restored: 0, unresolved: 0 });
  });

  it("one successful deployment: lead time from the change's first commit, failure rate 0, frequency monthly", () => {
    const k = fourKeys(
      input({
        deployments: [dep("2026-03-10T12:00:00Z", { changes: [7] })],
        changes: [{ pull: 7, firstCommitAt: "2026-03-09T12:00:00Z", incidents: [] }],
      }),
    );
    expect(k.deploymentFrequency).toMatchObject({ successful: 1, bucket: "monthly" });
    expect(k.leadTime).toEqual({ medianMinutes: 24 * 60, changes: 1 });
    expect(k.changeFailureRate).toMatchObject({ rate: 0, failed: 0, finished: 1 });
  });

  it("counts only production deployments created inside the period (both ends inclusive)", () => {
    const k = fourKeys(
      input({
        deployments: [
          dep("2026-03-01T23:59:59Z"), // before
          dep(period.from),
          dep(period.to),
          dep("2026-03-30T00:00:00Z"), // after
          dep("2026-03-10T00:00:00Z", { environment: "staging" }),
          dep("2026-03-11T00:00:00Z", { environment: "Production" }),
        ],
      }),
    );
    expect(k.deploymentFrequency.successful).toBe(3);
  });

  it("frequency is daily when the median week had deployments on 3 or more days, weekly when it had one, else monthly", () => {
    const daily = ["02", "03", "04", "09", "10", "11", "16", "17", "18", "23", "24", "25"].map((d) => dep(`2026-03-${d}T10:00:00Z`));
    expect(fourKeys(input({ deployments: daily })).deploymentFrequency.bucket).toBe("daily");
    const weekly = ["02", "09", "16", "23"].map((d) => dep(`2026-03-${d}T10:00:00Z`));
    expect(fourKeys(input({ deployments: weekly })).deploymentFrequency.bucket).toBe("weekly");
    // two of four weeks: the median week (PERCENTILE_CONT) had half a deployment week, so it is monthly
    const twoWeeks = ["02", "09"].map((d) => dep(`2026-03-${d}T10:00:00Z`));
    expect(fourKeys(input({ deployments: twoWeeks })).deploymentFrequency.bucket).toBe("monthly");
  });

  it("a deployment fails when it failed, was rolled back, or delivered a change an incident mentions", () => {
    const good = dep("2026-03-03T10:00:00Z", { sha: "a" });
    const bad = dep("2026-03-04T10:00:00Z", { sha: "b" });
    const back = dep("2026-03-04T11:00:00Z", { sha: "a", rollback: true });
    const failed = dep("2026-03-05T10:00:00Z", { sha: "c", outcome: "failed", finishedAt: "2026-03-05T10:05:00Z" });
    const withIncident = dep("2026-03-06T10:00:00Z", { sha: "d", changes: [9] });
    const running = dep("2026-03-07T10:00:00Z", { sha: "e", outcome: "in progress", finishedAt: null });
    const k = fourKeys(input({ deployments: [good, bad, back, failed, withIncident, running], changes: [{ pull: 9, firstCommitAt: null, incidents: [21] }] }));
    expect(k.changeFailureRate).toEqual({ rate: 3 / 5, failed: 3, finished: 5, failedOutcome: 1, rolledBack: 1, incident: 1 });
    // which deployments, and why: recountable from records/deployments.json
    expect(k.basis.failures).toEqual([
      { deployment: bad.id, reasons: ["rolled back"] },
      { deployment: failed.id, reasons: ["failed"] },
      { deployment: withIncident.id, reasons: ["incident"] },
    ]);
  });

  it("lead time takes a change's first successful production deployment, ignores non-positive times and takes the median", () => {
    const k = fourKeys(
      input({
        deployments: [
          dep("2026-03-10T10:00:00Z", { changes: [1, 2], outcome: "failed" }),
          dep("2026-03-10T12:00:00Z", { changes: [1, 2, 3] }),
          dep("2026-03-11T12:00:00Z", { changes: [1] }), // a redeploy: not the change's lead time
        ],
        changes: [
          { pull: 1, firstCommitAt: "2026-03-10T11:00:00Z", incidents: [] }, // 60 min
          { pull: 2, firstCommitAt: "2026-03-10T09:00:00Z", incidents: [] }, // 180 min
          { pull: 3, firstCommitAt: "2026-03-10T13:00:00Z", incidents: [] }, // after the deployment: ignored
        ],
      }),
    );
    expect(k.leadTime).toEqual({ medianMinutes: 120, changes: 2 });
    expect(k.basis.leadTimes.map((l) => [l.pull, l.minutes])).toEqual([[1, 60], [2, 180]]);
  });

  it("time to restore is the median of incidents opened in the period that mention a change; open ones are unresolved", () => {
    const k = fourKeys(
      input({
        changes: [{ pull: 4, firstCommitAt: null, incidents: [30, 31, 32, 33] }],
        incidents: [
          { number: 30, createdAt: "2026-03-10T10:00:00Z", closedAt: "2026-03-10T11:00:00Z" },
          { number: 31, createdAt: "2026-03-11T10:00:00Z", closedAt: "2026-03-11T13:00:00Z" },
          { number: 32, createdAt: "2026-03-12T10:00:00Z", closedAt: null },
          { number: 33, createdAt: "2026-02-12T10:00:00Z", closedAt: "2026-02-12T10:30:00Z" }, // before the period
          { number: 34, createdAt: "2026-03-12T10:00:00Z", closedAt: "2026-03-12T10:01:00Z" }, // not linked to a change
        ],
      }),
    );
    expect(k.timeToRestore).toEqual({ medianMinutes: 120, restored: 2, unresolved: 1 });
    expect(k.basis.restores).toEqual([{ incident: 30, minutes: 60 }, { incident: 31, minutes: 180 }, { incident: 32, minutes: null }]);
  });

  it("median is PERCENTILE_CONT(0.5): the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
