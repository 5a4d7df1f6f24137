import { describe, expect, it } from "vitest";
import { DurationError, durationMinutes, parseDuration } from "../../src/sla/duration.js";
import { calendar } from "./fixtures.js";

const always = calendar({ timeZone: "UTC", alwaysOpen: true });
const business = calendar({ timeZone: "Europe/Berlin" });
const short = calendar({ timeZone: "UTC", hours: { start: "10:00", end: "16:30" } });

describe("parseDuration", () => {
  it("reads minutes, hours, days and business days", () => {
    expect(parseDuration("15m")).toEqual({ amount: 15, unit: "m", text: "15m" });
    expect(parseDuration("4h")).toMatchObject({ amount: 4, unit: "h" });
    expect(parseDuration("2d")).toMatchObject({ amount: 2, unit: "d" });
    expect(parseDuration("3bd")).toMatchObject({ amount: 3, unit: "bd" });
  });

  it.each(["fast", "", "15", "1.5h", "15M", " 15m", "4 h", "-1h", "3w", "bd"])("refuses %j with a fix-it message", (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/like `15m`, `4h`, `2d` or `3bd`/);
  });

  it("refuses zero and durations longer than a year", () => {
    expect(() => parseDuration("0m")).toThrow(/greater than zero/);
    expect(() => parseDuration("367d")).toThrow(/at most 366d/);
    expect(() => parseDuration("99999999999h")).toThrow(DurationError);
  });
});

describe("durationMinutes", () => {
  it("counts minutes and hours as working time on any calendar", () => {
    expect(durationMinutes("15m", business)).toBe(15);
    expect(durationMinutes("4h", always)).toBe(240);
    expect(durationMinutes("4h", business)).toBe(240);
  });

  it("makes a day 24 working hours on a 24x7 calendar", () => {
    expect(durationMinutes("2d", always)).toBe(2 * 1440);
    expect(durationMinutes("1bd", always)).toBe(1440);
  });

  it("makes a day and a business day one working-day length on a business calendar", () => {
    expect(durationMinutes("3bd", business)).toBe(3 * 480);
    expect(durationMinutes("2d", business)).toBe(2 * 480);
    expect(durationMinutes("1bd", short)).toBe(390);
  });
});
