import { describe, expect, it } from "vitest";
import { CHANGE_COLUMNS } from "../../src/evidence/bundle/record-columns.js";
import { addChange, emptyStats } from "../../src/evidence/bundle/stats.js";
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
    expect(first).toMatchObject({ id: "incident-classified/acme/web#2", href: "records/incident/acme/web/2.json" });
  });

  it("does not count an approval its reviewer later withdrew by requesting changes, nor a dismissed one", () => {
    const c = change(14);
    c.reviews = [
      { reviewer: "dave", state: "APPROVED", commit: "b".repeat(40), at: "2026-03-10T14:00:00Z", security: false },
      { reviewer: "erin", state: "APPROVED", commit: "b".repeat(40), at: "2026-03-10T14:10:00Z", security: true },
      { reviewer: "Dave", state: "CHANGES_REQUESTED", commit: "c".repeat(40), at: "2026-03-10T14:20:00Z", security: false },
      { reviewer: "erin", state: "DISMISSED", commit: "b".repeat(40), at: "2026-03-10T14:30:00Z", security: true },
      { reviewer: "frank", state: "APPROVED", commit: "c".repeat(40), at: "2026-03-10T14:40:00Z", security: false },
      { reviewer: "frank", state: "COMMENTED", commit: "c".repeat(40), at: "2026-03-10T14:50:00Z", security: false },
    ];
    c.checkRuns = [{ ...c.checkRuns[0]!, headSha: "c".repeat(40) }]; // the gate passed on the head frank approved
    const items = evidenceItemsFor(c);
    expect(items.map((i) => i.kind)).toEqual(["change-approved"]);
    expect(items[0]!.summary).toBe("normal change approved by frank; IMS / change control passed at ccccccc");
    const stats = emptyStats({ from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z" });
    addChange(stats, { ...c, type: "emergency" });
    expect(stats.changeTypes.emergency).toMatchObject({ approved: 1, securityReviewed: 0 });
    expect(stats.emergency.rows[0]!.approvals).toBe("frank");
    const column = (name: string) => CHANGE_COLUMNS.find(([n]) => n === name)![1](c);
    expect([column("approvals"), column("security_approvals")]).toEqual(["frank", ""]);
    c.reviews = c.reviews.slice(0, 4);
    expect(evidenceItemsFor(c).map((i) => i.summary)).toEqual(["normal change passed; IMS / change control passed at ccccccc"]);
  });

  it("keys approval evidence on the gate: an approval a later push invalidated is not evidence, nor a merge the gate did not pass", () => {
    const c = change(15);
    // erin (security) approved b, then a push moved the head to c; the gate's last run failed on c
    c.checkRuns = [
      { ...c.checkRuns[0]!, headSha: "b".repeat(40), conclusion: "success", completedAt: "2026-03-10T14:31:00Z" },
      { ...c.checkRuns[0]!, headSha: "c".repeat(40), conclusion: "failure", completedAt: "2026-03-10T14:45:00Z" },
    ];
    expect(kinds(c)).toEqual(["config-change"]); // change(15) edits the config; no approval, no security review
    // the gate passed on c after dave alone approved c: only dave's approval counts, erin's old one does not
    c.checkRuns.push({ ...c.checkRuns[0]!, headSha: "c".repeat(40), conclusion: "success", completedAt: "2026-03-10T15:00:00Z" });
    c.reviews = [...c.reviews, { reviewer: "dave", state: "APPROVED", commit: "c".repeat(40), at: "2026-03-10T14:50:00Z", security: false }];
    const items = evidenceItemsFor(c);
    expect(items.map((i) => i.kind)).toEqual(["change-approved", "config-change"]);
    expect(items[0]!.summary).toBe("normal change approved by dave; IMS / change control passed at ccccccc");
  });

  it("counts the approvers the gate's trace names when the passing run carries one", () => {
    const c = change(16);
    c.checkRuns = [{ ...c.checkRuns[0]!, headSha: "d".repeat(40), traces: [{ url: "u", source: null, trace: { v: 1, rule: "change.gate", inputs: {}, result: { conclusion: "success", requirements: { securityReview: { status: "pass", approvers: ["erin"] } } }, time: "2026-03-10T14:31:00Z", delivery: null } }] }];
    expect(evidenceItemsFor(c).filter((i) => i.kind === "security-review").map((i) => i.summary)).toEqual(["security review by erin at bbbbbbb"]);
  });

  it("does not call an unmerged change approved", () => {
    const c = { ...change(13), state: "open" as const, mergedAt: null };
    expect(kinds(c)).toEqual(["security-review"]);
  });
});
