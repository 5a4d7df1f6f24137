import { describe, expect, it } from "vitest";
import { computeSla } from "../../src/sla/clock.js";
import { historyOf, type HistoryEvent } from "../../src/sla/history.js";
import type { Priority } from "../../src/config/schema.js";
import { at, defaultSla } from "./fixtures.js";

const sla = defaultSla();
const START = "2026-03-16T10:00:00Z"; // a Monday

/** An incident opened at `start` with a priority, then the given events. */
function incident(priority: Priority, events: HistoryEvent[] = [], start = START) {
  return historyOf("alice", at(start), [
    { type: "incident", at: at(start), on: true },
    { type: "priority", at: at(start), priority },
    ...events,
  ]);
}
const respond = (iso: string): HistoryEvent => ({ type: "response", at: at(iso), by: "bob", via: "comment" });
const waiting = (iso: string, on: boolean): HistoryEvent => ({ type: "waiting", at: at(iso), on });
const closed = (iso: string): HistoryEvent => ({ type: "closed", at: at(iso) });
const reopened = (iso: string): HistoryEvent => ({ type: "reopened", at: at(iso) });

describe("computeSla", () => {
  it("marks a P1 with no response for 12 minutes at risk (12 of 15 minutes, 80% > 75%)", () => {
    const r = computeSla(incident("P1"), sla, at("2026-03-16T10:12:00Z"))!;
    expect(r.respond!).toMatchObject({ state: "at-risk", elapsedMinutes: 12, targetMinutes: 15, share: 0.8 });
    expect(r.respond!.due).toEqual(at("2026-03-16T10:15:00Z"));
    expect(r.state).toBe("at-risk");
  });

  it("without a respond target (an alert's record) an unanswered P1 is ok at 20 minutes, and its next change is the resolve target's at-risk point", () => {
    const r = computeSla(incident("P1"), sla, at("2026-03-16T10:20:00Z"), { respond: false })!;
    expect(r.respond).toBeNull();
    expect(r.state).toBe("ok");
    // 75% of the 4-hour resolve target
    expect(r.nextChangeAt).toEqual(at("2026-03-16T13:00:00Z"));
    expect(computeSla(incident("P1"), sla, at("2026-03-16T14:00:00Z"), { respond: false })!.state).toBe("breached");
  });

  it("is ok for a P1 at 10 minutes and tells when it turns at risk", () => {
    const r = computeSla(incident("P1"), sla, at("2026-03-16T10:10:00Z"))!;
    expect(r.state).toBe("ok");
    expect(r.nextChangeAt).toEqual(at("2026-03-16T10:11:15Z"));
  });

  it("breaches a P1 that is unresolved after 4 hours, though it was answered in time", () => {
    const r = computeSla(incident("P1", [respond("2026-03-16T10:05:00Z")]), sla, at("2026-03-16T14:00:00Z"))!;
    expect(r.respond!.state).toBe("met");
    expect(r.resolve).toMatchObject({ state: "breached", elapsedMinutes: 240, share: 1 });
    expect(r.resolve.due).toEqual(at("2026-03-16T14:00:00Z"));
    expect(r.state).toBe("breached");
  });

  it("breaches the response target when the response comes late, and keeps it breached", () => {
    const r = computeSla(incident("P1", [respond("2026-03-16T10:20:00Z")]), sla, at("2026-03-16T10:30:00Z"))!;
    expect(r.respond!).toMatchObject({ state: "breached", elapsedMinutes: 20 });
    expect(r.respond!.due).toEqual(at("2026-03-16T10:15:00Z"));
    expect(r.state).toBe("breached");
  });

  it("moves a P2's resolution deadline by two hours when it waits for two hours", () => {
    const plain = computeSla(incident("P2", [respond("2026-03-16T10:10:00Z")]), sla, at("2026-03-16T14:00:00Z"))!;
    const paused = computeSla(
      incident("P2", [respond("2026-03-16T10:10:00Z"), waiting("2026-03-16T11:00:00Z", true), waiting("2026-03-16T13:00:00Z", false)]),
      sla,
      at("2026-03-16T14:00:00Z"),
    )!;
    expect(plain.resolve.due).toEqual(at("2026-03-16T18:00:00Z"));
    expect(paused.resolve.due).toEqual(at("2026-03-16T20:00:00Z"));
    expect(paused.resolve.elapsedMinutes).toBe(plain.resolve.elapsedMinutes - 120);
  });

  it("shows a waiting record as paused and keeps its deadline moving while it waits", () => {
    const h = incident("P2", [respond("2026-03-16T10:10:00Z"), waiting("2026-03-16T11:00:00Z", true)]);
    const r = computeSla(h, sla, at("2026-03-16T15:00:00Z"))!;
    expect(r.paused).toBe(true);
    expect(r.resolve).toMatchObject({ state: "paused", elapsedMinutes: 60 });
    expect(r.resolve.due).toEqual(at("2026-03-16T22:00:00Z"));
    expect(r.nextChangeAt).toBeNull();
  });

  it("keeps a paused record past the threshold at risk", () => {
    const h = incident("P1", [waiting("2026-03-16T10:13:00Z", true)]);
    const r = computeSla(h, sla, at("2026-03-16T11:00:00Z"))!;
    expect(r.respond!.state).toBe("paused");
    expect(r.state).toBe("at-risk");
  });

  it("does not count a weekend pause twice: a P3 waiting Fri 15:00 to Mon 11:00 loses four working hours", () => {
    const start = "2026-03-19T09:00:00Z"; // Thursday
    const base = [respond("2026-03-19T10:00:00Z")];
    const now = at("2026-03-23T13:00:00Z"); // Monday
    const plain = computeSla(incident("P3", base, start), sla, now)!;
    const paused = computeSla(
      incident("P3", [...base, waiting("2026-03-20T15:00:00Z", true), waiting("2026-03-23T11:00:00Z", false)], start),
      sla,
      now,
    )!;
    expect(plain.resolve.elapsedMinutes).toBe(8 * 60 * 2 + 4 * 60);
    expect(paused.resolve.elapsedMinutes).toBe(plain.resolve.elapsedMinutes - 4 * 60);
    // 3bd = 24 working hours from Thu 09:00: due Mon 17:00 plain; 4 working hours later (Tue 13:00) with the pause.
    expect(plain.resolve.due).toEqual(at("2026-03-23T17:00:00Z"));
    expect(paused.resolve.due).toEqual(at("2026-03-24T13:00:00Z"));
  });

  it("stops at close with a final result and keeps accumulating after a reopen", () => {
    const events = [respond("2026-03-16T10:05:00Z"), closed("2026-03-16T11:00:00Z"), reopened("2026-03-16T14:00:00Z")];
    const whileClosed = computeSla(incident("P1", events.slice(0, 2)), sla, at("2026-03-16T20:00:00Z"))!;
    expect(whileClosed).toMatchObject({ closed: true, state: "ok" });
    expect(whileClosed.resolve).toMatchObject({ state: "met", elapsedMinutes: 60 });
    expect(whileClosed.nextChangeAt).toBeNull();
    const afterReopen = computeSla(incident("P1", events), sla, at("2026-03-16T15:00:00Z"))!;
    expect(afterReopen.resolve).toMatchObject({ state: "running", elapsedMinutes: 120 });
    expect(afterReopen.resolve.due).toEqual(at("2026-03-16T17:00:00Z"));
    const breached = computeSla(incident("P1", events), sla, at("2026-03-16T17:00:00Z"))!;
    expect(breached.resolve.state).toBe("breached");
  });

  it("keeps a breach final after close", () => {
    const r = computeSla(incident("P1", [respond("2026-03-16T10:05:00Z"), closed("2026-03-16T15:00:00Z")]), sla, at("2026-03-17T00:00:00Z"))!;
    expect(r.resolve.state).toBe("breached");
    expect(r.state).toBe("breached");
  });

  it("stops the response target of a record closed before anyone answered", () => {
    const r = computeSla(incident("P2", [closed("2026-03-16T10:10:00Z")]), sla, at("2026-03-16T12:00:00Z"))!;
    expect(r.respond!).toMatchObject({ state: "stopped", elapsedMinutes: 10 });
    expect(r.resolve.state).toBe("met");
  });

  it("re-targets from the original start when the priority changes", () => {
    // P3 (4 business hours to respond, 3bd to resolve) raised to P1 at 12:00: P1's 4h run from 10:00 on 24x7.
    const h = incident("P3", [respond("2026-03-16T10:30:00Z"), { type: "priority", at: at("2026-03-16T12:00:00Z"), priority: "P1" }]);
    const before = computeSla(h, sla, at("2026-03-16T11:59:00Z"))!;
    expect(before).toMatchObject({ priority: "P3", calendar: "business", state: "ok" });
    const after = computeSla(h, sla, at("2026-03-16T13:30:00Z"))!;
    expect(after).toMatchObject({ priority: "P1", calendar: "24x7", state: "breached" });
    expect(after.respond!.state).toBe("breached"); // answered at 30 minutes, P1 asks for 15
    expect(after.resolve).toMatchObject({ state: "at-risk", elapsedMinutes: 210 });
    expect(after.resolve.due).toEqual(at("2026-03-16T14:00:00Z"));
  });

  it("starts the clock when the record becomes an incident, not when the issue was opened", () => {
    const h = historyOf("alice", at("2026-03-16T08:00:00Z"), [
      { type: "priority", at: at("2026-03-16T08:00:00Z"), priority: "P1" },
      respond("2026-03-16T09:00:00Z"), // before it was an incident: does not count
      { type: "incident", at: at(START), on: true },
    ]);
    const r = computeSla(h, sla, at("2026-03-16T10:05:00Z"))!;
    expect(r.start).toEqual(at(START));
    expect(r.respondedAt).toBeNull();
    expect(r.respond!.elapsedMinutes).toBe(5);
  });

  it("has no clock without the incident label or a priority, and ignores events after now", () => {
    expect(computeSla(historyOf("alice", at(START), []), sla, at("2026-03-16T12:00:00Z"))).toBeNull();
    expect(computeSla(historyOf("alice", at(START), [{ type: "incident", at: at(START), on: true }]), sla, at("2026-03-16T12:00:00Z"))).toBeNull();
    const h = incident("P1", [respond("2026-03-16T10:05:00Z")]);
    expect(computeSla(h, sla, at("2026-03-16T10:04:00Z"))!.respond!.state).toBe("running");
    expect(computeSla(h, sla, at("2026-03-16T09:00:00Z"))).toBeNull();
  });

  it("names the missing calendar when a target points at none", () => {
    const broken = { ...sla, targets: { ...sla.targets, P1: { ...sla.targets.P1, calendar: "nope" } } };
    expect(() => computeSla(incident("P1"), broken, at("2026-03-16T10:05:00Z"))).toThrow(/`nope`, which is not in sla.calendars/);
  });
});
