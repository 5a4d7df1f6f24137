import { describe, expect, it } from "vitest";
import type { Priority } from "../../src/config/schema.js";
import { renderExplanation } from "../../src/core/explain.js";
import { computeSla } from "../../src/sla/clock.js";
import { decideEscalation, type EscalationInput } from "../../src/sla/escalate.js";
import { historyOf, type HistoryEvent } from "../../src/sla/history.js";
import { escalationMarker, parseEscalationMarkers } from "../../src/sla/markers.js";
import { at, defaultEscalation, defaultSla } from "./fixtures.js";

const sla = defaultSla();
const escalation = { ...defaultEscalation(), resolvers: { default: "service-desk", services: { Payments: "payments-oncall" } } };
const START = "2026-03-16T10:00:00Z";

function input(priority: Priority, now: string, extra: Partial<EscalationInput> = {}, events: HistoryEvent[] = []): EscalationInput {
  const h = historyOf("alice", at(START), [
    { type: "incident", at: at(START), on: true },
    { type: "priority", at: at(START), priority },
    ...events,
  ]);
  return { sla: computeSla(h, sla, at(now)), priority, service: "payments", labels: [], done: [], org: "acme", ...extra };
}

describe("escalation markers", () => {
  it("round-trips level names with spaces and comment breakers", () => {
    const names = ["resolver team", "management", "odd --> <!-- name"];
    const text = names.map((n) => `Escalated.\n${escalationMarker(n)}`).join("\n\n");
    expect(escalationMarker("resolver team")).toBe("<!-- ims-escalated level=resolver%20team -->");
    expect(text).not.toContain("odd -->");
    expect(parseEscalationMarkers(text)).toEqual(names);
  });

  it("skips damaged markers and lists each level once", () => {
    const text = `${escalationMarker("management")} ${escalationMarker("management")} <!-- ims-escalated level=%E0%A4%A -->`;
    expect(parseEscalationMarkers(text)).toEqual(["management"]);
  });
});

describe("decideEscalation", () => {
  it("labels a P1 with no response for 12 minutes at risk and escalates to the service's resolver team", () => {
    const plan = decideEscalation(input("P1", "2026-03-16T10:12:00Z"), escalation, at("2026-03-16T10:12:00Z"));
    expect(plan.addLabels).toEqual(["sla:at-risk"]);
    expect(plan.removeLabels).toEqual([]);
    expect(plan.escalate).toEqual([
      {
        level: "resolver team",
        kind: "functional",
        when: "at-risk",
        team: "payments-oncall",
        assign: false,
        marker: "<!-- ims-escalated level=resolver%20team -->",
        line: "Escalated (functional, resolver team) to @acme/payments-oncall: SLA at risk",
      },
    ]);
  });

  it("falls back to the default resolver team for an unknown service", () => {
    const plan = decideEscalation(input("P2", "2026-03-16T10:25:00Z", { service: "Billing" }), escalation, at("2026-03-16T10:25:00Z"));
    expect(plan.escalate.map((e) => e.team)).toEqual(["service-desk"]);
  });

  it("escalates a P1 to management when the resolution target is breached, swapping the labels", () => {
    const i = input("P1", "2026-03-16T14:00:00Z", { labels: ["ims:incident", "SLA:At-Risk"], done: ["resolver team"] }, [
      { type: "response", at: at("2026-03-16T10:05:00Z"), by: "bob", via: "comment" },
    ]);
    const plan = decideEscalation(i, escalation, at("2026-03-16T14:00:00Z"));
    expect(plan.addLabels).toEqual(["sla:breached"]);
    expect(plan.removeLabels).toEqual(["sla:at-risk"]);
    expect(plan.escalate.map((e) => [e.level, e.kind, e.team])).toEqual([["management", "hierarchical", "management"]]);
    expect(plan.explanation.status).toBe("fail");
    expect(renderExplanation(plan.explanation)).toContain("done earlier; never repeated");
  });

  it("fires an at-risk level too when a record jumps straight to breached", () => {
    const plan = decideEscalation(input("P2", "2026-03-16T19:00:00Z"), escalation, at("2026-03-16T19:00:00Z"));
    expect(plan.escalate.map((e) => e.level)).toEqual(["resolver team", "management"]);
  });

  it("does not escalate a breached P3 to management", () => {
    const i = input("P3", "2026-03-16T15:00:00Z", { done: ["resolver team"] });
    expect(i.sla!.state).toBe("breached");
    const plan = decideEscalation(i, escalation, at("2026-03-16T15:00:00Z"));
    expect(plan.escalate).toEqual([]);
    expect(renderExplanation(plan.explanation)).toContain("applies to P1, P2; record is P3");
  });

  it("escalates nothing when the decision is redone with the levels already done", () => {
    const now = "2026-03-16T14:00:00Z";
    const first = decideEscalation(input("P1", now), escalation, at(now));
    const done = parseEscalationMarkers(first.escalate.map((e) => `${e.line}\n${e.marker}`).join("\n"));
    const again = decideEscalation(input("P1", now, { done, labels: first.addLabels }), escalation, at(now));
    expect(first.escalate).toHaveLength(2);
    expect(again.escalate).toEqual([]);
    expect(again.addLabels).toEqual([]);
    expect(again.removeLabels).toEqual([]);
  });

  it("mentions management exactly once over a P1's life, whatever the number of sweeps", () => {
    let labels: string[] = ["ims:incident", "priority:P1"];
    let comments = "";
    const mentions: string[] = [];
    const sweep = (minute: number) => {
      const now = new Date(at(START).getTime() + minute * 60_000).toISOString();
      // Every sweep and every redelivery reads state from "GitHub" (labels and the bot's comments) alone.
      const plan = decideEscalation(input("P1", now, { labels, done: parseEscalationMarkers(comments) }), escalation, at(now));
      labels = [...labels.filter((l) => !plan.removeLabels.includes(l)), ...plan.addLabels];
      for (const e of plan.escalate) {
        mentions.push(e.team);
        comments += `\n${e.line}\n${e.marker}`;
      }
    };
    for (let minute = 0; minute <= 300; minute += 5) {
      sweep(minute);
      sweep(minute); // a second instance, or a redelivered webhook, at the same time
    }
    expect(mentions.filter((t) => t === "management")).toHaveLength(1);
    expect(mentions.filter((t) => t === "payments-oncall")).toHaveLength(1);
    expect(labels).toContain("sla:breached");
    expect(labels).not.toContain("sla:at-risk");
  });

  it("clears the labels of a record resolved in time and never escalates a closed record", () => {
    const i = input("P1", "2026-03-16T16:00:00Z", { labels: ["sla:at-risk"] }, [
      { type: "response", at: at("2026-03-16T10:05:00Z"), by: "bob", via: "comment" },
      { type: "closed", at: at("2026-03-16T13:30:00Z") },
    ]);
    const plan = decideEscalation(i, escalation, at("2026-03-16T16:00:00Z"));
    expect(plan.removeLabels).toEqual(["sla:at-risk"]);
    expect(plan.addLabels).toEqual([]);
    expect(plan.escalate).toEqual([]);
  });

  it("does nothing without a clock and says why", () => {
    const plan = decideEscalation({ sla: null, priority: null, service: null, labels: [], done: [] }, escalation, at(START));
    expect(plan).toMatchObject({ addLabels: [], removeLabels: [], escalate: [] });
    expect(plan.explanation.status).toBe("info");
    expect(plan.card[0]).toMatch(/no clock yet/);
  });

  it("writes card lines with due times in the calendar's zone, and names a team without org unmentioned", () => {
    const plan = decideEscalation(input("P1", "2026-03-16T10:12:00Z", { org: null }), escalation, at("2026-03-16T10:12:00Z"));
    expect(plan.card).toEqual([
      "**SLA** P1 on the `24x7` calendar, started 2026-03-16 10:00 (UTC): at-risk",
      "- Respond within 15m: at risk, due 2026-03-16 10:15 (UTC), 80% used (12 of 15 working minutes)",
      "- Resolve within 4h: running, due 2026-03-16 14:00 (UTC), 5% used (12 of 240 working minutes)",
      "- Escalated (functional, resolver team) to `payments-oncall`: SLA at risk",
    ]);
  });
});
