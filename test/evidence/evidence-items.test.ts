import { describe, expect, it } from "vitest";
import { evidenceItemsFor } from "../../src/evidence/evidence-items.js";
import { change, incident, problem, securityIncident } from "./fixtures.js";

const kinds = (r: Parameters<typeof evidenceItemsFor>[0]) => evidenceItemsFor(r).map((i) => i.kind);

describe("evidenceItemsFor", () => {
  it("derives classification and SLA results from an incident", () => {
    expect(kinds(incident(3))).toEqual(["incident-classified", "sla-met", "sla-breached"]);
    expect(kinds(incident(1))).toEqual(["incident-classified", "sla-met", "sla-met"]);
  });

  it("derives the security assessment, escalation and major incident review", () => {
    expect(kinds(securityIncident(7))).toEqual(["incident-classified", "security-event-assessed", "escalation", "sla-met", "sla-met", "major-incident-review"]);
  });

  it("skips running clocks and an open review", () => {
    const r = incident(1, { major: true, review: { kind: "problem", repo: "acme/web", number: 5, url: "u", at: null, completedAt: null } });
    r.sla[1]!.status = "running";
    r.sla[1]!.at = null;
    expect(kinds(r)).toEqual(["incident-classified", "sla-met"]);
  });

  it("derives problem and known error", () => {
    expect(kinds(problem(900))).toEqual(["problem", "known-error"]);
  });

  it("derives approval, security review, emergency change and its review, config change", () => {
    expect(kinds(change(10))).toEqual(["change-approved", "security-review", "config-change"]);
    expect(kinds(change(12, "emergency"))).toEqual(["change-approved", "security-review", "emergency-change", "emergency-review"]);
  });

  it("gives stable ids and hrefs into the bundle", () => {
    const [first] = evidenceItemsFor(incident(2));
    expect(first).toMatchObject({ id: "incident-classified/acme/web#2", href: "records/incidents.json#acme/web/2" });
  });

  it("does not call an unmerged change approved", () => {
    const c = { ...change(13), state: "open" as const, mergedAt: null };
    expect(kinds(c)).toEqual(["security-review"]);
  });
});
