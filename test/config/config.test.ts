import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_FILES, WORKFLOWS_DIR, defaultConfig, rawDefaults } from "../../src/config/defaults.js";
import { formatConfigError } from "../../src/config/errors.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { ConfigSchema } from "../../src/config/schema.js";

const messages = (raw: unknown) => resolveConfig(raw).errors.map(formatConfigError);

describe("configuration", () => {
  it("ships defaults in workflows/ that the same schema accepts", () => {
    for (const f of DEFAULT_FILES) expect(parse(readFileSync(WORKFLOWS_DIR + f, "utf8"))).toBeTypeOf("object");
    expect(ConfigSchema.safeParse(rawDefaults()).success).toBe(true);
    expect(defaultConfig().sla.targets.P1).toEqual({ respond: "15m", resolve: "4h", calendar: "24x7" });
  });

  it("uses the defaults when the repository has no config", () => {
    expect(resolveConfig(null)).toMatchObject({ source: "defaults", errors: [] });
  });

  it("merges a partial config over the defaults: objects key by key, lists replace", () => {
    const r = resolveConfig({ security: { team: "secops" }, change: { paths: ["deploy/**"] } });
    expect(r.source).toBe("repository");
    expect(r.config.security).toEqual({ team: "secops", assign: false });
    expect(r.config.change.paths).toEqual(["deploy/**"]);
    expect(r.config.sla.targets.P2.respond).toBe("30m");
  });

  it("names file, path, value and what is expected for a bad duration", () => {
    expect(messages({ sla: { targets: { P1: { respond: "fast" } } } })).toEqual([
      "`.github/ims.yml`: `sla.targets.P1.respond` must be a duration like `15m`, `4h`, `2d` or `3bd` (got `fast`)",
    ]);
  });

  it("names unknown settings instead of ignoring them", () => {
    expect(messages({ clasification: {} })[0]).toBe(
      "`.github/ims.yml`: `clasification` is not a known setting (check the spelling; see the configuration reference in README)",
    );
  });

  it("names wrong types, enum values, time zones and calendars", () => {
    const m = messages({
      sla: { atRisk: "most", calendars: { business: { timeZone: "Mars/Olympus" } }, targets: { P3: { calendar: "nope" } } },
      classification: { conflict: "newest", matrix: { high: { high: "P0" } } },
    });
    expect(m).toContain("`.github/ims.yml`: `sla.atRisk` must be a number (got `most`)");
    expect(m).toContain("`.github/ims.yml`: `sla.calendars.business.timeZone` must be an IANA time zone like `Europe/Berlin` (got `Mars/Olympus`)");
    expect(m).toContain("`.github/ims.yml`: `classification.conflict` must be one of `highest`, `lowest` (got `newest`)");
    expect(m).toContain("`.github/ims.yml`: `classification.matrix.high.high` must be one of `P1`, `P2`, `P3`, `P4` (got `P0`)");
  });

  it("checks that every SLA target names an existing calendar", () => {
    expect(messages({ sla: { targets: { P3: { calendar: "nope" } } } })).toEqual([
      "`.github/ims.yml`: `sla.targets.P3.calendar` must name a calendar under `sla.calendars` (`24x7`, `business`) (got `nope`)",
    ]);
  });

  it("falls back to the defaults (and says so) when the file is not a mapping", () => {
    const r = resolveConfig(["a", "b"]);
    expect(r.source).toBe("fallback");
    expect(r.config).toEqual(defaultConfig());
    expect(formatConfigError(r.errors[0]!)).toContain("must be a YAML mapping");
  });

  it("ignores prototype-polluting keys from hostile YAML", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "security": {"team": "x"}}');
    resolveConfig(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
