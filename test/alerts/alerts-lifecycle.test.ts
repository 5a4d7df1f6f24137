import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import type { AlertChange, AlertKind } from "../../src/simulator/ops/alerts.js";
import { REPO, botComments, useIncidentStack, writes } from "../helpers/incident-stack.js";

/** Each alert type's actions as GitHub sends them: who raises it, how it is fixed, dismissed (with and without a written justification) and reintroduced. */
const TYPES: Array<{ kind: AlertKind; bot: string; fixed: AlertChange; dismissed: (comment?: string) => AlertChange; reintroduced: AlertChange; priority: string }> = [
  { kind: "dependabot", bot: "dependabot[bot]", fixed: { action: "fixed" }, dismissed: (comment) => ({ action: "dismissed", reason: "tolerable_risk", comment }), reintroduced: { action: "reintroduced" }, priority: "priority:P2" },
  { kind: "code-scanning", bot: "github-advanced-security[bot]", fixed: { action: "fixed" }, dismissed: (comment) => ({ action: "dismissed", reason: "won't fix", comment }), reintroduced: { action: "appeared_in_branch" }, priority: "priority:P2" },
  { kind: "secret-scanning", bot: "github[bot]", fixed: { action: "resolved", resolution: "revoked" }, dismissed: (comment) => ({ action: "resolved", resolution: "used_in_tests", comment }), reintroduced: { action: "reopened" }, priority: "priority:P1" },
];

/** The one issue that carries the alert's source label (a second would be a flood). */
function recordsOf(stack: Stack, kind: AlertKind): number[] {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    try {
      if (stack.sim.issue(REPO, n).labels.includes(`source:${kind}`)) out.push(n);
    } catch {
      return out;
    }
  }
}

describe.each(TYPES)("a $kind alert's record through its whole life (issue 13 acceptance)", ({ kind, bot, fixed, dismissed, reintroduced, priority }) => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("is opened once on created, a redelivery writes nothing, fixed closes it and reintroduced reopens it", async () => {
    const { sim } = stack;
    sim.as(bot).raiseAlert(REPO, kind, { severity: "high" });
    await sim.settle();
    const [n] = recordsOf(stack, kind);
    expect(sim.issue(REPO, n!).labels).toEqual(expect.arrayContaining(["ims:incident", "security:event", `source:${kind}`, priority]));
    const created = sim.deliveries.find((d) => d.action === "created" && d.event.endsWith("_alert"));
    sim.resetRequestLog();
    sim.redeliver(created!.id);
    await sim.settle();
    expect(writes(stack)).toEqual({});
    expect(recordsOf(stack, kind)).toEqual([n]);
    sim.as(bot).changeAlert(REPO, kind, 1, fixed);
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
    sim.as(bot).changeAlert(REPO, kind, 1, reintroduced);
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("open");
    expect(botComments(stack, n!).some((c) => c.body.includes("is **open again**"))).toBe(true);
    expect(recordsOf(stack, kind)).toEqual([n]);
  });

  it("closes on a dismissal with a reason and a written justification, saying who and why", async () => {
    const { sim } = stack;
    sim.as(bot).raiseAlert(REPO, kind, { severity: "medium" });
    await sim.settle();
    const [n] = recordsOf(stack, kind);
    sim.as("bob").changeAlert(REPO, kind, 1, dismissed("only in the test fixtures"));
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
    expect(botComments(stack, n!).find((c) => c.body.includes("**dismissed**"))?.body).toMatch(/bob.*only in the test fixtures/);
    expect(sim.issue(REPO, n!).labels).not.toContain("needs-security-review");
  });

  it("stays open for the security team on a dismissal with GitHub's reason but no written justification", async () => {
    const { sim } = stack;
    sim.as(bot).raiseAlert(REPO, kind, { severity: "medium" });
    await sim.settle();
    const [n] = recordsOf(stack, kind);
    sim.as("bob").changeAlert(REPO, kind, 1, dismissed());
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("open");
    expect(sim.issue(REPO, n!).labels).toContain("needs-security-review");
    expect(botComments(stack, n!).find((c) => c.body.includes("without a written justification"))?.body).toContain("@acme/security");
  });
});

describe("the simulator refuses a dismissal without a reason, as GitHub does", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("answers 422 for a Dependabot or code scanning dismissal without dismissed_reason", () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", {});
    sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", {});
    for (const kind of ["dependabot", "code-scanning"] as const)
      expect(() => sim.as("bob").changeAlert(REPO, kind, 1, { action: "dismissed", reason: "" })).toThrow(expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: "dismissed_reason", code: "missing_field" })] }));
    expect(sim.deliveries.filter((d) => d.action === "dismissed" || d.action === "closed_by_user")).toEqual([]);
  });
});
