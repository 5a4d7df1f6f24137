import { describe, expect, it } from "vitest";
import { checkEscalationConfig, checkSlaConfig } from "../../src/sla/check.js";
import { calendar, defaultEscalation, defaultSla } from "./fixtures.js";

describe("config checks beyond the schema", () => {
  it("accepts the defaults in workflows/incident.yml", () => {
    expect(checkSlaConfig(defaultSla())).toEqual([]);
    expect(checkEscalationConfig(defaultEscalation())).toEqual([]);
  });

  it("names the path and value of a missing calendar, a bad duration and empty hours", () => {
    const sla = defaultSla();
    const broken = {
      ...sla,
      calendars: { ...sla.calendars, night: calendar({ timeZone: "UTC", hours: { start: "17:00", end: "09:00" } }) },
      targets: { ...sla.targets, P2: { respond: "fast", resolve: "0h", calendar: "biz" } },
    };
    expect(checkSlaConfig(broken)).toEqual([
      expect.stringMatching(/^sla\.calendars\.night\.hours: .*end must be after the start/),
      expect.stringMatching(/^sla\.targets\.P2\.calendar: `biz` is not in sla\.calendars/),
      expect.stringMatching(/^sla\.targets\.P2\.respond: `fast` is not a duration/),
      expect.stringMatching(/^sla\.targets\.P2\.resolve: `0h`: a duration must be greater than zero/),
    ]);
  });

  it("refuses two escalation levels with one name, since the name marks a level as done", () => {
    const e = defaultEscalation();
    const twice = { ...e, levels: [...e.levels, { ...e.levels[0]!, priorities: ["P1" as const] }] };
    expect(checkEscalationConfig(twice)).toEqual([expect.stringMatching(/^escalation\.levels\[2\]\.name: `resolver team` is used/)]);
  });
});
