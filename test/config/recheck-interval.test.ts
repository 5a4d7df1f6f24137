import { describe, expect, it } from "vitest";
import { recheckVerdict, stampOf, stampedAt } from "../../src/change/recheck-limit.js";
import { formatConfigError } from "../../src/config/errors.js";
import { resolveConfig } from "../../src/config/resolve.js";

const messages = (raw: unknown) => resolveConfig(raw).errors.map(formatConfigError);
const at = (iso: string) => new Date(iso);

describe("change.recheck.minInterval", () => {
  it("defaults to 5 minutes and names a value it cannot use, with what to write instead", () => {
    expect(resolveConfig(null).config.change.recheck.minInterval).toBe("5m");
    expect(messages({ change: { recheck: { minInterval: "5 minutes" } } })).toEqual([
      "`.github/ims.yml`: `change.recheck.minInterval` must be an interval like `5m` or `1h` (`0m`: no limit) (got `5 minutes`)",
    ]);
    // business days need a calendar: not an interval between two requests
    expect(messages({ change: { recheck: { minInterval: "2bd" } } })).toHaveLength(1);
  });

  it("refuses within the interval, allows after it, and 0m turns the limit off", () => {
    const last = at("2026-03-02T09:00:00Z");
    expect(recheckVerdict(last, at("2026-03-02T09:04:59Z"), 300_000)).toEqual({ allowed: false, last, next: at("2026-03-02T09:05:00Z") });
    expect(recheckVerdict(last, at("2026-03-02T09:05:00Z"), 300_000)).toEqual({ allowed: true });
    expect(recheckVerdict(last, at("2026-03-02T09:00:01Z"), 0)).toEqual({ allowed: true });
    expect(recheckVerdict(null, last, 300_000)).toEqual({ allowed: true });
  });

  it("a stamp far in the future (a clock gone wrong) does not lock the pull request", () => {
    expect(recheckVerdict(at("2026-03-03T09:00:00Z"), at("2026-03-02T09:00:00Z"), 300_000)).toEqual({ allowed: true });
  });

  it("reads back only its own stamp from a check run's external_id", () => {
    const now = at("2026-03-02T09:00:00Z");
    expect(stampedAt(stampOf(now))).toEqual(now);
    expect(stampedAt("")).toBeNull();
    expect(stampedAt("ci-build-42")).toBeNull();
    expect(stampedAt("ims-recheck@yesterday")).toBeNull();
  });
});
