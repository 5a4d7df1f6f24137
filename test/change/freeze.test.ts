import { describe, expect, it } from "vitest";
import { activeFreezes } from "../../src/change/freeze.js";

const window = { from: "2026-12-24T18:00", to: "2026-12-27", timeZone: "Europe/Berlin", reason: "holidays" };

describe("activeFreezes", () => {
  it("reads from/to as local times in the window's time zone, a date-only `to` ending that day", () => {
    expect(activeFreezes([window], new Date("2026-12-24T16:59:00Z")).active).toEqual([]);
    expect(activeFreezes([window], new Date("2026-12-24T17:00:00Z")).active).toHaveLength(1);
    expect(activeFreezes([window], new Date("2026-12-27T22:59:00Z")).active).toHaveLength(1);
    expect(activeFreezes([window], new Date("2026-12-27T23:00:00Z")).active).toEqual([]);
  });

  it("reports unreadable or reversed windows as config errors", () => {
    const { errors } = activeFreezes([{ ...window, from: "2026-02-30" }, { ...window, from: "2026-12-28" }], new Date("2026-12-25T00:00:00Z"));
    expect(errors).toHaveLength(2);
    expect(errors[1]).toContain("ends");
  });
});
