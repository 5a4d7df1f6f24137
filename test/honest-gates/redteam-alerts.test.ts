import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { VulnerabilityRecord } from "../../src/evidence/types.js";
import { MIN, REPO, botComments, card, sweepNow, useIncidentStack } from "../helpers/incident-stack.js";
import { options, sink, tempOut } from "../export/fixture.js";

const DAY = 24 * 60 * MIN;
let stack: Stack;
useIncidentStack((s) => (stack = s));

/** The issues the app opened that carry `source:<kind>` (its alert records). */
const appRecords = (kind: string): number[] =>
  [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.user === stack.sim.botLogin && i.labels.includes(`source:${kind}`)).map((i) => i.number);

/** A critical Dependabot alert's record (7-day remediation target), responded to by the security team. */
async function criticalRecord(): Promise<number> {
  const { sim } = stack;
  sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash", summary: "Prototype pollution in lodash" });
  await sim.settle();
  const [record] = appRecords("dependabot");
  sim.as("sec1").comment(REPO, record!, "Looking into it");
  await sim.settle();
  return record!;
}

/** The vulnerability records of the evidence bundle for March 2026, exported as an auditor. */
async function exportedVulnerabilities(): Promise<VulnerabilityRecord[]> {
  const out = tempOut();
  await runExport(options(out, { apiUrl: stack.sim.url, noOrgConfig: true, from: "2026-03-01", to: "2026-03-31" }), { env: { GITHUB_TOKEN: stack.sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  return JSON.parse(readFileSync(path.join(out, "records/vulnerabilities.json"), "utf8")) as VulnerabilityRecord[];
}

describe("red team (alerts): an alert's record says what GitHub says of the alert, and only the security team weakens it", () => {
  describe("a person cannot trade an alert record's remediation target by its alert-severity: label", () => {
    it("bob swapping alert-severity:critical for alert-severity:low on the app's record leaves the 7-day target, and the sweep escalates it at day 7", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      sim.as("bob").removeLabel(REPO, record, "alert-severity:critical");
      await sim.settle();
      sim.as("bob").addLabels(REPO, record, ["alert-severity:low"]);
      await sim.settle();
      expect(card(stack, record)).toContain("resolve within 7d (the alert's remediation target)");
      expect(card(stack, record)).toContain("The `alert-severity:low` label does not change these targets");
      sim.clock.advance(7 * DAY - 10 * MIN);
      await sweepNow(stack);
      expect(sim.labels(REPO, record)).not.toContain("sla:breached");
      sim.clock.advance(20 * MIN);
      await sweepNow(stack);
      expect(sim.labels(REPO, record)).toContain("sla:breached");
    });
  });

  describe("a person cannot take an alert's record out of the process", () => {
    it("bob taking ims:incident off the record: it is put back, the sweep escalates it at day 7 and the bundle still has it overdue", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      sim.as("bob").removeLabel(REPO, record, "ims:incident");
      await sim.settle();
      expect(sim.labels(REPO, record)).toContain("ims:incident");
      expect(botComments(stack, record).map((c) => c.body).find((b) => b.includes("@bob removed `ims:incident`"))).toContain("security");
      expect(card(stack, record)).toContain("resolve within 7d (the alert's remediation target)");
      sim.clock.advance(7 * DAY + 10 * MIN);
      await sweepNow(stack);
      expect(sim.labels(REPO, record)).toContain("sla:breached");
      const vulns = await exportedVulnerabilities();
      expect(vulns.find((v) => v.number === record)).toMatchObject({ outcome: "open", withinTarget: "overdue" });
    });

    it("bob's status:waiting on the record does not pause its remediation clock", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      sim.as("bob").addLabels(REPO, record, ["status:waiting"]);
      await sim.settle();
      expect(sim.labels(REPO, record)).not.toContain("status:waiting");
      sim.clock.advance(7 * DAY + 10 * MIN);
      await sweepNow(stack);
      expect(sim.labels(REPO, record)).toContain("sla:breached");
      const vulns = await exportedVulnerabilities();
      expect(vulns.find((v) => v.number === record)).toMatchObject({ outcome: "open", withinTarget: "overdue" });
    });
  });

  describe("a person cannot rewrite what an alert's record says of its alert", () => {
    it("bob rewriting the record's body without its markers: it is put back, no fresh record with a new clock, and the bundle has the alert overdue", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      const body = sim.issue(REPO, record).body ?? "";
      sim.clock.advance(6 * DAY);
      sim.as("bob").editIssue(REPO, record, { body: "Nothing to see here." });
      await sim.settle();
      expect(sim.issue(REPO, record).body).toBe(body);
      expect(botComments(stack, record).map((c) => c.body).find((b) => b.includes("@bob edited this record's description"))).toContain("put back");
      sim.clock.advance(2 * DAY);
      await sweepNow(stack);
      sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
      await sim.settle();
      const vulns = await exportedVulnerabilities();
      expect(appRecords("dependabot")).toEqual([record]);
      expect(vulns.filter((v) => v.alert.number === 1)).toMatchObject([{ number: record, outcome: "fixed", withinTarget: "overdue" }]);
    });

    it("bob editing the hidden state marker to say the alert is low and fixed: the bundle still has it critical, open and overdue", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      const body = sim.issue(REPO, record).body ?? "";
      const forged = body.replace(/<!-- ims-alert-state (\S+) -->/, (_m, s: string) => {
        const state = JSON.parse(decodeURIComponent(s)) as Record<string, unknown>;
        return `<!-- ims-alert-state ${encodeURIComponent(JSON.stringify({ ...state, severity: "low", state: "fixed" }))} -->`;
      }).replace("**Status:** open", "**Status:** fixed");
      expect(forged).not.toBe(body);
      sim.as("bob").editIssue(REPO, record, { body: forged });
      await sim.settle();
      expect(sim.issue(REPO, record).body).toBe(body);
      sim.clock.advance(8 * DAY);
      await sweepNow(stack);
      expect(sim.labels(REPO, record)).toContain("sla:breached");
      const vulns = await exportedVulnerabilities();
      expect(vulns.filter((v) => v.alert.number === 1)).toMatchObject([{ number: record, severity: "critical", target: "7d", outcome: "open", withinTarget: "overdue" }]);
    });
  });

  describe("a stale delivery cannot reopen the record of an alert GitHub has fixed", () => {
    it("a reopened delivery that failed, redelivered after the alert was fixed, leaves the record closed as fixed", { timeout: 120_000 }, async () => {
      const { sim } = stack;
      const record = await criticalRecord();
      sim.as("sec1").changeAlert(REPO, "dependabot", 1, { action: "dismissed", reason: "tolerable_risk", comment: "only in the build tools" });
      await sim.settle();
      expect(sim.issue(REPO, record).state).toBe("closed");
      // the reopening's delivery fails half-way (GitHub shows it failed; a person redelivers it later)
      sim.failNext("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 422, 1);
      sim.as("bob").changeAlert(REPO, "dependabot", 1, { action: "reopened" });
      await sim.settle();
      const reopening = sim.deliveries.filter((d) => d.event === "dependabot_alert" && d.action === "reopened").at(-1)!;
      expect(reopening.status).toBeGreaterThanOrEqual(400);
      sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
      await sim.settle();
      expect(sim.issue(REPO, record).state).toBe("closed");
      sim.redeliver(reopening.id);
      await sim.settle();
      expect(sim.issue(REPO, record).state).toBe("closed");
      expect(sim.issue(REPO, record).body).toContain("**Status:** fixed");
      expect(botComments(stack, record).some((c) => c.body.includes("open again"))).toBe(false);
    });
  });
});

describe("red team (alerts): who said a secret is revoked", () => {
  it("a leaked secret resolved as revoked by bob: the record says fixed and that bob resolved it as revoked", { timeout: 120_000 }, async () => {
    const { sim } = stack;
    sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", { secretType: "GitHub Personal Access Token" });
    await sim.settle();
    const [record] = appRecords("secret-scanning");
    sim.as("bob").changeAlert(REPO, "secret-scanning", 1, { action: "resolved", resolution: "revoked" });
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("closed");
    expect(sim.issue(REPO, record!).body).toContain("**Status:** fixed (resolved as revoked by @\u200bbob)");
    expect(botComments(stack, record!).map((c) => c.body).find((b) => b.includes("is **fixed**"))).toContain("resolved as revoked by @\u200bbob");
  });
});

describe("red team (alerts): attacks the alert records already refused", () => {
  it("hidden markers in a dismissal's comment do not make the record claim another alert, nor forge its state", { timeout: 120_000 }, async () => {
    const { sim } = stack;
    const record = await criticalRecord();
    const forged = `<!-- ims-alert dependabot%3A2 -->\n<!-- ims-alert-state ${encodeURIComponent(JSON.stringify({ source: "dependabot", number: 1, severity: "low", state: "fixed" }))} -->`;
    sim.as("sec1").changeAlert(REPO, "dependabot", 1, { action: "dismissed", reason: "tolerable_risk", comment: `only in the build tools ${forged}` });
    await sim.settle();
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/minimist", summary: "Prototype pollution in minimist" });
    await sim.settle();
    const records = appRecords("dependabot");
    expect(records).toHaveLength(2);
    expect(sim.issue(REPO, record).body).not.toContain("<!-- ims-alert dependabot%3A2 -->");
    const vulns = await exportedVulnerabilities();
    expect(vulns.find((v) => v.number === record)).toMatchObject({ alert: { number: 1 }, severity: "critical", outcome: "dismissed", dismissal: { by: "sec1", reason: "tolerable_risk" } });
  });

  it("an alert of the same number fixed in another repository of the installation does not close this repository's record", { timeout: 120_000 }, async () => {
    const { sim } = stack;
    const record = await criticalRecord();
    sim.createRepo({ owner: "acme", name: "api" });
    sim.as("dependabot[bot]").raiseAlert("acme/api", "dependabot", { severity: "critical" });
    await sim.settle();
    sim.as("dependabot[bot]").changeAlert("acme/api", "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, record).state).toBe("open");
    expect(sim.issue(REPO, record).body).toContain("**Status:** open");
  });
});
