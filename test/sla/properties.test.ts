import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Priority } from "../../src/config/schema.js";
import { addWorkingMinutes, workingMinutesBetween } from "../../src/sla/calendar.js";
import { computeSla } from "../../src/sla/clock.js";
import { historyOf, type HistoryEvent } from "../../src/sla/history.js";
import { calendar, defaultSla } from "./fixtures.js";

// Fixed seed: the same cases on every run, as the house style asks of tests.
const RUNS = { seed: 20260329, numRuns: 300 } as const;
// Three weeks around the spring change in Europe/Berlin and America/New_York.
const BASE = Date.UTC(2026, 2, 2);
const SPAN_MIN = 21 * 24 * 60;
const instant = fc.integer({ min: 0, max: SPAN_MIN }).map((m) => new Date(BASE + m * 60_000));
const calendars = [
  calendar({ timeZone: "Europe/Berlin", holidays: ["2026-03-10"] }),
  calendar({ timeZone: "America/New_York" }),
  calendar({ timeZone: "UTC", alwaysOpen: true }),
  calendar({ timeZone: "Europe/Berlin", workingDays: ["sun", "mon"], hours: { start: "01:00", end: "04:00" } }),
];
const cal = fc.constantFrom(...calendars);

describe("working-time properties", () => {
  it("is never negative, monotonic in the end and additive over a split", () => {
    fc.assert(
      fc.property(cal, instant, instant, instant, (c, x, y, z) => {
        const [a, b, d] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const ab = workingMinutesBetween(a, b, c);
        const bd = workingMinutesBetween(b, d, c);
        const ad = workingMinutesBetween(a, d, c);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ad).toBeGreaterThanOrEqual(ab);
        expect(ab + bd).toBeCloseTo(ad, 6);
      }),
      RUNS,
    );
  });

  it("makes addWorkingMinutes the inverse of workingMinutesBetween", () => {
    fc.assert(
      fc.property(cal, instant, fc.integer({ min: 0, max: 5000 }), (c, start, minutes) => {
        const due = addWorkingMinutes(start, minutes, c);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(workingMinutesBetween(start, due, c)).toBeCloseTo(minutes, 6);
      }),
      RUNS,
    );
  });
});

const sla = defaultSla();
const priority = fc.constantFrom<Priority>("P1", "P2", "P3", "P4");
/** Sorted distinct minute offsets, paired into disjoint [on, off) intervals. */
const intervals = fc
  .uniqueArray(fc.integer({ min: 1, max: SPAN_MIN }), { maxLength: 8 })
  .map((xs) => {
    const s = [...xs].sort((p, q) => p - q);
    const out: Array<[Date, Date]> = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push([new Date(BASE + s[i]! * 60_000), new Date(BASE + s[i + 1]! * 60_000)]);
    return out;
  });
const record = fc.record({ priority, closes: intervals, pauses: intervals, response: fc.option(instant, { nil: null }) });
type Rec = { priority: Priority; closes: Array<[Date, Date]>; pauses: Array<[Date, Date]>; response: Date | null };

function build(r: Rec, pauses = r.pauses) {
  const start = new Date(BASE);
  const events: HistoryEvent[] = [
    { type: "incident", at: start, on: true },
    { type: "priority", at: start, priority: r.priority },
  ];
  for (const [a, b] of r.closes) events.push({ type: "closed", at: a }, { type: "reopened", at: b });
  for (const [a, b] of pauses) events.push({ type: "waiting", at: a, on: true }, { type: "waiting", at: b, on: false });
  if (r.response) events.push({ type: "response", at: r.response, by: "bob", via: "comment" });
  return historyOf("alice", start, events);
}

describe("SLA clock properties", () => {
  it("never goes back as now moves forward, and is never negative", () => {
    fc.assert(
      fc.property(record, instant, instant, (r, x, y) => {
        const [n1, n2] = x <= y ? [x, y] : [y, x];
        const h = build(r);
        const a = computeSla(h, sla, n1)!;
        const b = computeSla(h, sla, n2)!;
        expect(a.resolve.elapsedMinutes).toBeGreaterThanOrEqual(0);
        expect(a.respond!.elapsedMinutes).toBeGreaterThanOrEqual(0);
        expect(b.resolve.elapsedMinutes).toBeGreaterThanOrEqual(a.resolve.elapsedMinutes - 1e-9);
        expect(b.respond!.elapsedMinutes).toBeGreaterThanOrEqual(a.respond!.elapsedMinutes - 1e-9);
      }),
      RUNS,
    );
  });

  it("never adds time for a pause: more pauses give no more elapsed time and no earlier deadline", () => {
    fc.assert(
      fc.property(record, instant, fc.nat(), (r, now, k) => {
        const fewer = r.pauses.slice(0, r.pauses.length === 0 ? 0 : k % r.pauses.length);
        const less = computeSla(build(r, fewer), sla, now)!;
        const more = computeSla(build(r), sla, now)!;
        for (const t of ["respond", "resolve"] as const) {
          expect(more[t]!.elapsedMinutes).toBeLessThanOrEqual(less[t]!.elapsedMinutes + 1e-9);
          if (less[t]!.share < 1) expect(more[t]!.due.getTime()).toBeGreaterThanOrEqual(less[t]!.due.getTime());
        }
      }),
      RUNS,
    );
  });
});
