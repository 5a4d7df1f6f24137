import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { encodeTrace } from "../../src/core/trace.js";
import { serviceSections } from "../../src/records/service-section.js";
import { outageMarkTrace } from "../../src/services/outage.js";
import { availabilityOf } from "../../src/services/availability.js";
import { improvementsToOpen, improvementMarker } from "../../src/services/improvements.js";
import type { ServiceReportData } from "../../src/services/report-data.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const forged = encodeTrace(outageMarkTrace({ edge: "start", at: "2026-03-01T00:00:00.000Z", by: "mallory" }, NOW, null));

describe("outages and the service report cannot be forged", () => {
  it("an outage-mark trace hidden in a person's issue body or comment is not an outage (only the app's own replies are read)", () => {
    const config = defaultConfig();
    const body = `### Affected service\n\npayments\n\n<!-- x -->\n${forged}`;
    const r = serviceSections("payments", "acme/payments", body, "", config, { now: NOW, delivery: null });
    expect(r.sections.find((s) => s.id === "outage")).toBeUndefined();
    expect(r.traces.find((t) => t.rule === "incident.outage")).toBeUndefined();
  });

  it("an outage reported twice (two records of one outage) counts once, so a target is not missed twice over", () => {
    const cal = defaultConfig().sla.calendars["24x7"]!;
    const o = { start: Date.parse("2026-03-10T10:00:00Z"), end: Date.parse("2026-03-10T11:00:00Z") };
    const period = { from: Date.parse("2026-03-01T00:00:00Z"), to: Date.parse("2026-04-01T00:00:00Z") };
    const once = availabilityOf({ service: "s", target: 99, calendarName: "24x7", calendar: cal, period, outages: [o] });
    const twice = availabilityOf({ service: "s", target: 99, calendarName: "24x7", calendar: cal, period, outages: [o, { ...o }] });
    expect(twice.outageMinutes).toBe(once.outageMinutes);
  });

  it("a service that missed its target gets its improvement record even when another service's record exists for the period", () => {
    const section = (service: string, missed: string[]) => ({ service, known: { name: service }, missed }) as unknown as ServiceReportData["services"][number];
    const d = { period: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z" }, repos: [], warnings: [], services: [section("payments", ["x"]), section("search", ["y"])] } as ServiceReportData;
    const existing = new Set([improvementMarker("search", d.period)]);
    expect(improvementsToOpen(d, { number: 1, url: "u" }, existing).map((i) => i.service)).toEqual(["payments"]);
  });
});
