import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarSchema } from "../../src/config/schema.js";
import { availabilityOf, formatPercent, mergeIntervals, type Outage } from "../../src/services/availability.js";

const H = 3_600_000;
const t = (iso: string) => Date.parse(iso);
const always = CalendarSchema.parse({ timeZone: "UTC", alwaysOpen: true });
const business = CalendarSchema.parse({ timeZone: "UTC", workingDays: ["mon", "tue", "wed", "thu", "fri"], hours: { start: "09:00", end: "17:00" } });
// March 2026: 31 days; 22 weekdays (Mon 2nd .. Tue 31st)
const march = { from: t("2026-03-01T00:00:00Z"), to: t("2026-04-01T00:00:00Z") };
const of = (outages: Outage[], calendar = always, target: number | null = 99.9) =>
  availabilityOf({ service: "payments", target, calendarName: calendar === always ? "24x7" : "business", calendar, period: march, outages });

describe("availability per service and period", () => {
  it("is the agreed service time minus the outage, against the target (24x7)", () => {
    const a = of([{ start: t("2026-03-10T10:00:00Z"), end: t("2026-03-10T10:45:00Z") }]);
    expect(a.agreedMinutes).toBe(31 * 24 * 60);
    expect(a.outageMinutes).toBe(45);
    expect(a.percent).toBeCloseTo((100 * (44640 - 45)) / 44640, 9);
    expect(a.met).toBe(false); // 99.899% < 99.9%
    expect(formatPercent(a.percent)).toBe("99.899%");
  });

  it("a 44-minute outage in a 31-day month meets 99.9% (44.64 minutes allowed)", () => {
    expect(of([{ start: t("2026-03-10T10:00:00Z"), end: t("2026-03-10T10:44:00Z") }]).met).toBe(true);
  });

  it("counts only the outage inside the service hours of a business-hours service", () => {
    // Fri 16:00 to Mon 10:00: one hour on Friday, one on Monday; the weekend is not agreed service time
    const a = of([{ start: t("2026-03-13T16:00:00Z"), end: t("2026-03-16T10:00:00Z") }], business);
    expect(a.agreedMinutes).toBe(22 * 8 * 60);
    expect(a.outageMinutes).toBe(120);
    expect(a.calendar).toBe("business");
  });

  it("merges overlapping outages of one service instead of counting them twice", () => {
    const a = of([
      { start: t("2026-03-10T10:00:00Z"), end: t("2026-03-10T11:00:00Z"), record: "acme/web#1" },
      { start: t("2026-03-10T10:30:00Z"), end: t("2026-03-10T11:30:00Z"), record: "acme/web#2" },
    ]);
    expect(a.outageMinutes).toBe(90);
    expect(a.merged).toHaveLength(1);
    expect(a.reports).toBe(2);
  });

  it("clips outages to the period and counts an ongoing one to the period end", () => {
    const a = of([
      { start: t("2026-02-28T23:00:00Z"), end: t("2026-03-01T01:00:00Z") },
      { start: t("2026-03-31T23:00:00Z"), end: null },
    ]);
    expect(a.outageMinutes).toBe(120);
  });

  it("says neither met nor missed without a target", () => {
    const a = of([], always, null);
    expect(a.percent).toBe(100);
    expect(a.met).toBeNull();
  });

  it("never rounds a missed target up to it", () => {
    expect(formatPercent(99.89999)).toBe("99.899%");
  });
});

describe("availability properties", () => {
  const outage = fc
    .tuple(fc.integer({ min: 0, max: 40 * 24 }), fc.integer({ min: 0, max: 72 }))
    .map(([startH, lenH]): Outage => ({ start: march.from - 5 * 24 * H + startH * H, end: march.from - 5 * 24 * H + (startH + lenH) * H }));

  it("stays between 0% and 100%, and adding an outage never raises it", () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 8 }), outage, fc.boolean(), (list, extra, biz) => {
        const cal = biz ? business : always;
        const a = of(list, cal);
        const b = of([...list, extra], cal);
        expect(a.percent!).toBeGreaterThanOrEqual(0);
        expect(a.percent!).toBeLessThanOrEqual(100);
        expect(b.percent!).toBeLessThanOrEqual(a.percent! + 1e-9);
      }),
    );
  });

  it("reporting the same outage twice changes nothing (merged, not summed)", () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 8 }), (list) => {
        expect(of([...list, ...list]).outageMinutes).toBeCloseTo(of(list).outageMinutes, 9);
      }),
    );
  });

  it("merged intervals are disjoint, ordered and cover exactly the union", () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 10 }), (list) => {
        const merged = mergeIntervals(list, march.to);
        for (let i = 1; i < merged.length; i++) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.end);
        // every hour point inside some outage is inside exactly one merged interval
        for (const o of list) {
          if (o.end! <= o.start) continue;
          const mid = (o.start + o.end!) / 2;
          expect(merged.filter((m) => m.start <= mid && mid < m.end)).toHaveLength(1);
        }
      }),
    );
  });
});
