import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, botComments, card, sweepNow, useIncidentStack, withMarker } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const appRecord = (): number =>
  [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.user === stack.sim.botLogin && i.labels.includes("source:dependabot"))!.number;
const escalations = (n: number) => botComments(stack, n).filter((c) => c.body.includes("**Escalation ("));

describe("an alert's record runs on its remediation target alone, not its priority's respond target", () => {
  it("a critical alert's P1 record nobody answers is not escalated at P1's 15-minute respond target, only as its 7-day remediation target nears and passes", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" });
    await sim.settle();
    const n = appRecord();
    expect(sim.labels(REPO, n)).toContain("priority:P1");
    // the card names the remediation target only: an alert's record has no respond target
    const targets = card(stack, n).split("\n").find((l) => l.includes("SLA targets"));
    expect(targets).toBe("**SLA targets (P1, 24x7 calendar):** resolve within 7d (the alert's remediation target); no respond target");
    expect(card(stack, n)).not.toMatch(/Respond within/);

    // nobody responds: well past P1's 15-minute respond target, and past its 4-hour resolve target
    for (const step of [20 * MIN, 5 * HOUR, DAY]) {
      sim.clock.advance(step);
      await sweepNow(stack);
      expect(sim.labels(REPO, n)).not.toContain("sla:at-risk");
      expect(sim.labels(REPO, n)).not.toContain("sla:breached");
      expect(escalations(n)).toEqual([]);
    }

    // 75% of the 7 days (5 days 6 hours) puts it at risk: the resolver team is told, once
    sim.clock.advance(5 * DAY + 6 * HOUR - (20 * MIN + 5 * HOUR + DAY) + 5 * MIN);
    await sweepNow(stack);
    expect(sim.labels(REPO, n)).toContain("sla:at-risk");
    expect(withMarker(stack, n, escalationMarker("resolver team"))).toHaveLength(1);
    expect(withMarker(stack, n, escalationMarker("management"))).toHaveLength(0);

    // past the 7 days it is breached and management is told
    sim.clock.advance(2 * DAY);
    await sweepNow(stack);
    expect(sim.labels(REPO, n)).toEqual(expect.arrayContaining(["sla:breached", "escalation:hierarchical"]));
    expect(withMarker(stack, n, escalationMarker("management"))).toHaveLength(1);
    const mgmt = withMarker(stack, n, escalationMarker("management"))[0]!.body;
    expect(mgmt).not.toContain("Respond:");
    expect(mgmt).toContain("- Resolve: breached");
  });

  it("an ordinary P1 incident with the same labels still escalates at its respond target", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: "", labels: ["ims:incident", "impact:high", "urgency:high", "security:event", "source:dependabot", "alert-severity:critical"] });
    await sim.settle();
    expect(sim.labels(REPO, issue.number)).toContain("priority:P1");
    sim.clock.advance(20 * MIN);
    await sweepNow(stack);
    expect(sim.labels(REPO, issue.number)).toContain("sla:breached");
    expect(withMarker(stack, issue.number, escalationMarker("management"))).toHaveLength(1);
  });
});
