import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { MIN, REPO, botComments, card, sweepNow, useIncidentStack } from "../helpers/incident-stack.js";

/** The records of the repository that follow security alerts (any state). */
function alertRecords(stack: Stack, source: string): number[] {
  const out: number[] = [];
  for (let n = 1; n <= 400; n++) {
    try {
      const issue = stack.sim.issue(REPO, n);
      if (issue.labels.includes(`source:${source}`) && issue.stateReason !== "not_planned") out.push(n);
    } catch {
      break;
    }
  }
  return out;
}

describe("security alerts become security-event records (issue 13)", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("opens one P1 security event for a critical Dependabot alert, with a 7-day remediation target, and closes it when the alert is fixed", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash", summary: "Prototype pollution in lodash" });
    await sim.settle();
    const [n] = alertRecords(stack, "dependabot");
    expect(n).toBeDefined();
    const issue = sim.issue(REPO, n!);
    expect(issue.labels).toEqual(expect.arrayContaining(["ims:incident", "security:event", "source:dependabot", "impact:high", "urgency:high", "priority:P1"]));
    expect(issue.body).toContain("remediation target 7d");
    expect(card(stack, n!)).toContain("Priority P1");
    // the card states the target its clock runs on: the remediation target, not the P1 incident's 4h
    expect(card(stack, n!)).toContain("resolve within 7d (the alert's remediation target)");
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
    expect(botComments(stack, n!).some((c) => c.body.includes("is **fixed**"))).toBe(true);
  });

  it("escalates a critical alert's P1 record on the virtual clock, its resolve target being the 7-day remediation target", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash" });
    await sim.settle();
    const [n] = alertRecords(stack, "dependabot");
    sim.clock.advance(8 * 24 * 60 * MIN);
    await sweepNow(stack);
    expect(sim.issue(REPO, n!).labels).toEqual(expect.arrayContaining(["sla:breached", "escalation:hierarchical"]));
    expect(card(stack, n!)).toContain("2026-03-09");
  });

  it("records who dismissed a Dependabot alert and why, and closes; without a written justification the record stays open for the security team", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/a" });
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "medium", package: "npm/b" });
    await sim.settle();
    const [a, b] = alertRecords(stack, "dependabot");
    sim.as("bob").changeAlert(REPO, "dependabot", 1, { action: "dismissed", reason: "tolerable_risk", comment: "not reachable" });
    sim.as("bob").changeAlert(REPO, "dependabot", 2, { action: "dismissed", reason: "no_bandwidth" });
    await sim.settle();
    expect(sim.issue(REPO, a!).state).toBe("closed");
    expect(sim.issue(REPO, a!).body).toMatch(/dismissed by @\u200bbob, reason: tolerable\\_risk/);
    expect(botComments(stack, a!).find((c) => c.body.includes("dismissed"))?.body).toMatch(/bob.*tolerable\\_risk.*not reachable/);
    expect(sim.issue(REPO, b!).state).toBe("open");
    expect(sim.issue(REPO, b!).labels).toContain("needs-security-review");
    expect(botComments(stack, b!).find((c) => c.body.includes("without a written justification"))?.body).toContain("@acme/security");
  });

  it("reopens the record when a fixed alert is reintroduced, and a redelivery changes nothing", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "low", package: "npm/c" });
    await sim.settle();
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    const [n] = alertRecords(stack, "dependabot");
    expect(sim.issue(REPO, n!).state).toBe("closed");
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "reintroduced" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("open");
    const created = sim.deliveries.find((d) => d.event === "dependabot_alert" && d.action === "created");
    sim.resetRequestLog();
    const commentsBefore = sim.comments(REPO, n!).length;
    sim.redeliver(created!.id);
    await sim.settle();
    expect(alertRecords(stack, "dependabot")).toEqual([n]);
    expect(sim.comments(REPO, n!).length).toBe(commentsBefore);
    expect(sim.issue(REPO, n!).state).toBe("open");
  });

  it("opens a code scanning record, closes it when a person dismisses it with a reason, reopens it on reopened_by_user", async () => {
    const { sim } = stack;
    sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: "high" });
    await sim.settle();
    const [n] = alertRecords(stack, "code-scanning");
    expect(sim.issue(REPO, n!).labels).toEqual(expect.arrayContaining(["security:event", "source:code-scanning", "priority:P2"]));
    sim.as("bob").changeAlert(REPO, "code-scanning", 1, { action: "dismissed", reason: "false positive", comment: "the query is parameterised" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
    sim.as("bob").changeAlert(REPO, "code-scanning", 1, { action: "reopened_by_user" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("open");
  });

  it("marks a publicly leaked secret as confidentiality impact and closes on revoked", async () => {
    const { sim } = stack;
    sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", {});
    await sim.settle();
    sim.as("github[bot]").changeAlert(REPO, "secret-scanning", 1, { action: "publicly_leaked" });
    await sim.settle();
    const [n] = alertRecords(stack, "secret-scanning");
    expect(sim.issue(REPO, n!).labels).toEqual(expect.arrayContaining(["source:secret-scanning", "cia:confidentiality", "priority:P1"]));
    expect(alertRecords(stack, "secret-scanning")).toEqual([n]);
    sim.as("bob").changeAlert(REPO, "secret-scanning", 1, { action: "resolved", resolution: "revoked" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
  });
});
