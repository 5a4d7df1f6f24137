import { describe, expect, it } from "vitest";
import { addWorkingMinutes, workingMinutesBetween } from "../../src/sla/calendar.js";
import { at, calendar } from "./fixtures.js";

const utcBusiness = calendar({ timeZone: "UTC" });
const berlin = calendar({ timeZone: "Europe/Berlin" });
const newYork = calendar({ timeZone: "America/New_York" });
const berlinAllDay = calendar({
  timeZone: "Europe/Berlin",
  workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  hours: { start: "00:00", end: "00:00" },
});

describe("business calendar arithmetic", () => {
  it("skips the weekend: Fri 16:00 to Mon 10:00 is two working hours", () => {
    expect(workingMinutesBetween(at("2026-03-13T16:00Z"), at("2026-03-16T10:00Z"), utcBusiness)).toBe(120);
    expect(addWorkingMinutes(at("2026-03-13T16:00Z"), 120, utcBusiness)).toEqual(at("2026-03-16T10:00Z"));
  });

  it("ends a deadline that uses up the day at the close, not at the next opening", () => {
    expect(addWorkingMinutes(at("2026-03-13T09:00Z"), 480, utcBusiness)).toEqual(at("2026-03-13T17:00Z"));
    expect(addWorkingMinutes(at("2026-03-13T09:00Z"), 481, utcBusiness)).toEqual(at("2026-03-16T09:01Z"));
  });

  it("starts counting at the next opening when started outside working hours", () => {
    expect(addWorkingMinutes(at("2026-03-14T12:00Z"), 30, utcBusiness)).toEqual(at("2026-03-16T09:30Z"));
    expect(addWorkingMinutes(at("2026-03-16T07:00Z"), 30, utcBusiness)).toEqual(at("2026-03-16T09:30Z"));
    expect(workingMinutesBetween(at("2026-03-14T00:00Z"), at("2026-03-15T23:59Z"), utcBusiness)).toBe(0);
  });

  it("returns 0 for an empty or reversed interval and the start for a zero deadline", () => {
    expect(workingMinutesBetween(at("2026-03-16T12:00Z"), at("2026-03-16T10:00Z"), utcBusiness)).toBe(0);
    expect(addWorkingMinutes(at("2026-03-14T12:00Z"), 0, utcBusiness)).toEqual(at("2026-03-14T12:00Z"));
    expect(() => addWorkingMinutes(at("2026-03-14T12:00Z"), -1, utcBusiness)).toThrow(RangeError);
  });

  it("skips holidays given as local dates", () => {
    const xmas = calendar({ timeZone: "Europe/Berlin", holidays: ["2026-12-24", "2026-12-25"] });
    // Wed 23 Dec 16:00 CET + 2h: Thu and Fri are holidays, the weekend is off, so Mon 28 Dec 10:00 CET.
    expect(addWorkingMinutes(at("2026-12-23T15:00Z"), 120, xmas)).toEqual(at("2026-12-28T09:00Z"));
    expect(workingMinutesBetween(at("2026-12-23T15:00Z"), at("2026-12-28T09:00Z"), xmas)).toBe(120);
  });

  it("reads a holiday in the calendar's zone, not in UTC", () => {
    // 23:30 UTC on 24 Dec is already 25 Dec in Tokyo; with 25 Dec a holiday nothing of that local day counts.
    const tokyo = calendar({ timeZone: "Asia/Tokyo", hours: { start: "00:00", end: "12:00" }, holidays: ["2026-12-25"] });
    expect(workingMinutesBetween(at("2026-12-24T15:00Z"), at("2026-12-25T03:00Z"), tokyo)).toBe(0);
  });

  it("refuses working hours whose end is not after their start", () => {
    const broken = calendar({ timeZone: "UTC", hours: { start: "17:00", end: "09:00" } });
    expect(() => workingMinutesBetween(at("2026-03-13T16:00Z"), at("2026-03-16T10:00Z"), broken)).toThrow(/end must be after the start/);
  });
});

describe("daylight-saving changes", () => {
  it("keeps 09:00-17:00 local across the spring change in Europe/Berlin (2026-03-29)", () => {
    // Fri 27 Mar 16:00 CET (15:00Z) + 2h -> Mon 30 Mar 10:00 CEST (08:00Z).
    expect(addWorkingMinutes(at("2026-03-27T15:00Z"), 120, berlin)).toEqual(at("2026-03-30T08:00Z"));
    expect(workingMinutesBetween(at("2026-03-27T15:00Z"), at("2026-03-30T08:00Z"), berlin)).toBe(120);
  });

  it("keeps 09:00-17:00 local across the autumn change in Europe/Berlin (2026-10-25)", () => {
    // Fri 23 Oct 16:00 CEST (14:00Z) + 2h -> Mon 26 Oct 10:00 CET (09:00Z).
    expect(addWorkingMinutes(at("2026-10-23T14:00Z"), 120, berlin)).toEqual(at("2026-10-26T09:00Z"));
    expect(workingMinutesBetween(at("2026-10-23T14:00Z"), at("2026-10-26T09:00Z"), berlin)).toBe(120);
  });

  it("keeps 09:00-17:00 local across both changes in America/New_York", () => {
    // Fri 6 Mar 16:00 EST (21:00Z) + 2h -> Mon 9 Mar 10:00 EDT (14:00Z).
    expect(addWorkingMinutes(at("2026-03-06T21:00Z"), 120, newYork)).toEqual(at("2026-03-09T14:00Z"));
    // Fri 30 Oct 16:00 EDT (20:00Z) + 2h -> Mon 2 Nov 10:00 EST (15:00Z).
    expect(addWorkingMinutes(at("2026-10-30T20:00Z"), 120, newYork)).toEqual(at("2026-11-02T15:00Z"));
  });

  it("counts the real hours of a local day: 23 on the spring change, 25 on the autumn one", () => {
    expect(workingMinutesBetween(at("2026-03-28T23:00Z"), at("2026-03-29T22:00Z"), berlinAllDay)).toBe(23 * 60);
    expect(workingMinutesBetween(at("2026-10-24T22:00Z"), at("2026-10-25T23:00Z"), berlinAllDay)).toBe(25 * 60);
    // Sat 00:00 to Mon 00:00 local.
    expect(workingMinutesBetween(at("2026-03-27T23:00Z"), at("2026-03-29T22:00Z"), berlinAllDay)).toBe(47 * 60);
    expect(workingMinutesBetween(at("2026-10-23T22:00Z"), at("2026-10-25T23:00Z"), berlinAllDay)).toBe(49 * 60);
  });

  it("counts the hour skipped at 02:00 as no working time and the repeated hour twice", () => {
    const night = calendar({
      timeZone: "Europe/Berlin",
      workingDays: ["sun"],
      hours: { start: "01:00", end: "04:00" },
    });
    expect(workingMinutesBetween(at("2026-03-28T00:00Z"), at("2026-03-30T00:00Z"), night)).toBe(120);
    expect(workingMinutesBetween(at("2026-10-24T00:00Z"), at("2026-10-26T00:00Z"), night)).toBe(240);
  });

  it("runs a 24x7 calendar on real time whatever its zone", () => {
    const always = calendar({ timeZone: "Europe/Berlin", alwaysOpen: true });
    expect(workingMinutesBetween(at("2026-03-28T23:00Z"), at("2026-03-29T22:00Z"), always)).toBe(23 * 60);
    expect(addWorkingMinutes(at("2026-03-29T00:30Z"), 60, always)).toEqual(at("2026-03-29T01:30Z"));
  });
});
