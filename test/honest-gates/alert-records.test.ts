import { describe, expect, it } from "vitest";
import { alertMarker } from "../../src/alerts/decide.js";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, botComments, card, form, sweepNow, useIncidentStack, withMarker } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

/** The issues the app opened that carry `source:<kind>` (its alert records). */
const appRecords = (kind: string): number[] =>
  [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.user === stack.sim.botLogin && i.labels.includes(`source:${kind}`)).map((i) => i.number);

/** bob's issue that copies a real card's hidden marker (the key of Dependabot alert #1 is guessable). */
async function plantedIssue(): Promise<number> {
  const issue = stack.sim.as("bob").openIssue(REPO, { title: "Security alert (dependabot, critical): mine", body: `${alertMarker("dependabot:1")}\nI own this one.`, labels: ["source:dependabot"] });
  await stack.sim.settle();
  return issue.number;
}

describe("only the app's own issues are alert records", () => {
  it("a person's issue carrying a copied alert marker is not taken for the alert's record, updated or closed with it", async () => {
    const { sim } = stack;
    const planted = await plantedIssue();
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    expect(record).toBeDefined();
    expect(sim.issue(REPO, record!).labels).toContain("priority:P1");
    expect(sim.issue(REPO, planted).body).toBe(`${alertMarker("dependabot:1")}\nI own this one.`);
    expect(sim.issue(REPO, planted).labels).toEqual(["source:dependabot"]);
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("closed");
    expect(sim.issue(REPO, planted).state).toBe("open");
    expect(botComments(stack, planted)).toEqual([]);
  });

  it("a person's issue carrying a copied marker does not stop the sweep opening the record of an alert whose delivery was missed", async () => {
    const { sim } = stack;
    await plantedIssue();
    sim.quietly(() => sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" }));
    await sweepNow(stack);
    expect(appRecords("dependabot")).toHaveLength(1);
  });
});

describe("a fixed or dismissed delivery closes the record only when GitHub, read back, agrees", () => {
  it.each([
    { name: "fixed", change: { action: "fixed" } as const },
    { name: "dismissed", change: { action: "dismissed", reason: "tolerable_risk", comment: "only in the build tools" } as const },
  ])("a $name delivery that failed, redelivered after the alert was reintroduced, leaves the record open", async ({ change }) => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    // the first delivery fails half-way (GitHub shows it failed; a person redelivers it later)
    sim.failNext("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 422, 1);
    sim.as("bob").changeAlert(REPO, "dependabot", 1, change);
    await sim.settle();
    const closing = sim.deliveries.filter((d) => d.event === "dependabot_alert" && d.action === change.action).at(-1)!;
    expect(closing.status).toBeGreaterThanOrEqual(400);
    expect(sim.issue(REPO, record!).state).toBe("open");
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "reintroduced" });
    await sim.settle();
    sim.redeliver(closing.id);
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("open");
    expect(botComments(stack, record!).some((c) => c.body.includes("closes"))).toBe(false);
  });

  it("a fixed delivery closes the record when GitHub has the alert fixed", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("closed");
  });
});

describe("a record closed by hand while its alert is open", () => {
  it("is reopened with a note saying the alert is still open on GitHub", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    sim.as("bob").close(REPO, record!);
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("open");
    expect(botComments(stack, record!).find((c) => c.body.includes("closed this record by hand"))?.body).toMatch(/@\u200bbob closed this record by hand.*still \*\*open\*\* on GitHub/s);
    // once GitHub has it fixed, the record closes and a person closing it again changes nothing
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, record!).state).toBe("closed");
  });

  it("a person's issue with a copied marker, closed, is not reopened", async () => {
    const { sim } = stack;
    const planted = await plantedIssue();
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    sim.as("bob").close(REPO, planted);
    await sim.settle();
    expect(sim.issue(REPO, planted).state).toBe("closed");
  });
});

describe("lowering an alert record's priority by its impact or urgency labels is the security team's decision", () => {
  it("bob's impact:low on a critical alert's record is put back, the priority stays P1, and he is told why", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    sim.as("bob").removeLabel(REPO, record!, "impact:high");
    await sim.settle();
    sim.as("bob").addLabels(REPO, record!, ["impact:low"]);
    await sim.settle();
    const labels = sim.issue(REPO, record!).labels;
    expect(labels).toEqual(expect.arrayContaining(["impact:high", "priority:P1"]));
    expect(labels).not.toContain("impact:low");
    const notes = botComments(stack, record!).map((c) => c.body);
    expect(notes.find((b) => b.includes("@bob removed `impact:high`")), notes.join("\n----\n")).toContain("security");
  });

  it("the security team's lowering stands, and a later delivery of the alert keeps it", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    sim.as("sec1").removeLabel(REPO, record!, "urgency:high");
    sim.as("sec1").addLabels(REPO, record!, ["urgency:low"]);
    await sim.settle();
    expect(sim.issue(REPO, record!).labels).toEqual(expect.arrayContaining(["urgency:low", "priority:P3"]));
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "reintroduced" });
    await sim.settle();
    expect(sim.issue(REPO, record!).labels).toEqual(expect.arrayContaining(["urgency:low", "priority:P3"]));
    expect(sim.issue(REPO, record!).labels).not.toContain("urgency:high");
  });
});

describe("an alert's remediation target is the app's own alert record's, not a label's", () => {
  /** The card's SLA lines of an incident (targets and clock), for comparing two records. */
  const slaLines = (n: number): string[] => card(stack, n).split("\n").filter((l) => /SLA targets|Respond within|Resolve within/.test(l));

  it("tom's alert-severity:low on a P1 incident leaves its 4-hour resolve target, and the sweep escalates it at its P1 breach as the same incident without the label", async () => {
    const { sim } = stack;
    const labelled = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    const plain = sim.as("alice").openIssue(REPO, { title: "Checkout down too", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    // tom (triage) responds on both, so that only the resolve target is left running
    for (const n of [labelled.number, plain.number]) sim.as("tom").comment(REPO, n, "Looking into it");
    sim.as("tom").addLabels(REPO, labelled.number, ["alert-severity:low"]);
    await sim.settle();
    expect(sim.labels(REPO, labelled.number)).toEqual(expect.arrayContaining(["priority:P1", "alert-severity:low"]));
    const c = card(stack, labelled.number);
    expect(c).toContain("**SLA targets (P1, 24x7 calendar):** respond within 15m, resolve within 4h");
    expect(c).not.toContain("180d");
    expect(c).toContain("The `alert-severity:low` label does not change these targets");
    expect(slaLines(labelled.number)).toEqual(slaLines(plain.number));

    sim.clock.advance(4 * 60 * MIN - 5 * MIN);
    await sweepNow(stack);
    for (const n of [labelled.number, plain.number]) expect(sim.labels(REPO, n)).not.toContain("sla:breached");
    sim.clock.advance(10 * MIN);
    await sweepNow(stack);
    for (const n of [labelled.number, plain.number]) {
      expect(sim.labels(REPO, n)).toEqual(expect.arrayContaining(["sla:breached", "escalation:hierarchical"]));
      expect(withMarker(stack, n, escalationMarker("management"))).toHaveLength(1);
    }
    expect(slaLines(labelled.number)).toEqual(slaLines(plain.number));
  });

  it("bob's own issue with a copied alert marker, source:dependabot and alert-severity:low keeps the P1 targets", async () => {
    const { sim } = stack;
    const issue = sim.as("bob").openIssue(REPO, {
      title: "Security alert (dependabot, low): mine",
      body: `${alertMarker("dependabot:1")}\n${form("High", "High")}`,
      labels: ["ims:incident", "source:dependabot", "alert-severity:low"],
    });
    sim.as("tom").comment(REPO, issue.number, "Looking into it");
    await sim.settle();
    expect(card(stack, issue.number)).toContain("resolve within 4h");
    expect(card(stack, issue.number)).not.toContain("the alert's remediation target");
    sim.clock.advance(4 * 60 * MIN - 5 * MIN);
    await sweepNow(stack);
    expect(sim.labels(REPO, issue.number)).not.toContain("sla:breached");
    sim.clock.advance(10 * MIN);
    await sweepNow(stack);
    expect(sim.labels(REPO, issue.number)).toEqual(expect.arrayContaining(["sla:breached", "escalation:hierarchical"]));
  });

  it("the app's own record of a low Dependabot alert keeps the 180-day remediation target", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "low" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    expect(card(stack, record!)).toContain("resolve within 180d (the alert's remediation target)");
    expect(card(stack, record!)).not.toContain("does not change these targets");
  });
});

describe("the app's marker, not the source: label, makes its issue an alert's record", () => {
  /** Issues whose body carries the alert's marker. */
  const carrying = (key: string): number[] => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => (i.body ?? "").includes(alertMarker(key))).map((i) => i.number);

  it("bob taking source:dependabot off the record, then a fresh instance (no alert index): the fix closes that record, puts the label back and opens no second one", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const [record] = appRecords("dependabot");
    sim.as("bob").removeLabel(REPO, record!, "source:dependabot");
    await sim.settle();
    // a restart (or the index's hour running out): the records are listed again
    await stack.restartApp();
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(carrying("dependabot:1")).toEqual([record]);
    expect(sim.issue(REPO, record!).state).toBe("closed");
    expect(sim.labels(REPO, record!)).toContain("source:dependabot");
  });

  it("the sweep of a fresh instance does not open a second record for an open alert whose record lost its source: label", async () => {
    const { sim } = stack;
    sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: "high" });
    await sim.settle();
    const [record] = appRecords("code-scanning");
    sim.as("bob").removeLabel(REPO, record!, "source:code-scanning");
    await sim.settle();
    sim.clock.advance(2 * 60 * MIN);
    await stack.restartApp();
    await sweepNow(stack);
    expect(carrying("code-scanning:1")).toEqual([record]);
    expect(sim.issue(REPO, record!).state).toBe("open");
  });
});
