import { describe, expect, it } from "vitest";
import { freezeRecheckDue } from "../../src/change/freeze-change.js";
import { FREEZE_UNKNOWN_LOOKBACK_MS } from "../../src/store/areas.js";

const W = [{ from: "2026-03-02T12:00", to: "2026-03-02T18:00", timeZone: "UTC", reason: "close" }];
const at = (iso: string) => new Date(iso);
const look = (iso: string, state = "") => ({ state, at: Date.parse(iso) });
const IN_FORCE = "2026-03-02T12:00:00.000Z..2026-03-02T18:00:00.000Z";

describe("when open change pull requests are evaluated again for a freeze", () => {
  it("with a last look: when the freeze started or ended since, not while nothing changed", () => {
    expect(freezeRecheckDue(W, at("2026-03-02T12:03:00Z"), look("2026-03-02T11:58:00Z"), FREEZE_UNKNOWN_LOOKBACK_MS)).toEqual({ due: true, state: IN_FORCE });
    expect(freezeRecheckDue(W, at("2026-03-02T12:08:00Z"), look("2026-03-02T12:03:00Z", IN_FORCE), FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(false);
    expect(freezeRecheckDue(W, at("2026-03-02T18:04:00Z"), look("2026-03-02T17:59:00Z", IN_FORCE), FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(true);
    expect(freezeRecheckDue(W, at("2026-03-02T18:09:00Z"), look("2026-03-02T18:04:00Z"), FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(false);
  });

  it("a freeze shorter than the gap between two looks still counts (it started and ended unseen)", () => {
    expect(freezeRecheckDue(W, at("2026-03-02T19:00:00Z"), look("2026-03-02T11:00:00Z"), FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(true);
  });

  it("with no last look (a fresh store): when a freeze is in force, or one ended within the look-back, not for an older one", () => {
    expect(freezeRecheckDue(W, at("2026-03-02T09:00:00Z"), undefined, FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(false);
    expect(freezeRecheckDue(W, at("2026-03-02T13:00:00Z"), undefined, FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(true);
    expect(freezeRecheckDue(W, at("2026-03-05T09:00:00Z"), undefined, FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(true);
    expect(freezeRecheckDue(W, at("2026-03-20T09:00:00Z"), undefined, FREEZE_UNKNOWN_LOOKBACK_MS).due).toBe(false);
  });
});
