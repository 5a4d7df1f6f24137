import { describe, expect, it } from "vitest";
import { CalendarSchema } from "../../src/config/schema.js";
import type { CatalogueService } from "../../src/services/catalogue.js";
import { serviceReportData, type ReportIncident } from "../../src/services/report-data.js";

const svc = (name: string, hours: string, availability: number, repos: string[] = []): CatalogueService => ({
  name, owner: `${name}-owners`, resolver: `${name}-oncall`, criticality: "high", availability, hours, repositories: repos, paths: [], from: "services",
});
const calendars = {
  "24x7": CalendarSchema.parse({ timeZone: "UTC", alwaysOpen: true }),
  business: CalendarSchema.parse({ timeZone: "UTC", hours: { start: "09:00", end: "17:00" } }),
};
const period = { from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z" };
const incident = (n: number, service: string | null, o: Partial<ReportIncident> = {}): ReportIncident => ({
  repo: "acme/web", number: n, url: `https://github.com/acme/web/issues/${n}`, service, priority: "P2", createdAt: "2026-03-13T16:00:00Z", closedAt: null, sla: [], ...o,
});

function report(incidents: ReportIncident[]) {
  return serviceReportData({
    period,
    catalogues: [{ repo: "acme/web", services: [svc("payments", "24x7", 99.9), svc("search", "business", 99.5, ["acme/web"])], calendars }],
    incidents,
    problems: [{ repo: "acme/web", number: 50, url: "u", service: "payments", createdAt: "2026-03-02T00:00:00Z", closedAt: "2026-03-20T00:00:00Z", knownError: true }],
    changes: [
      { repo: "acme/web", number: 60, url: "u", type: "emergency", state: "merged", createdAt: "2026-03-03T00:00:00Z", mergedAt: "2026-03-03T01:00:00Z", gatePassed: true },
      { repo: "acme/web", number: 61, url: "u", type: "normal", state: "merged", createdAt: "2026-03-04T00:00:00Z", mergedAt: "2026-03-05T00:00:00Z", gatePassed: false },
    ],
  });
}

describe("the service report's data", () => {
  it("counts MTTA and MTTR in each service's calendar hours", () => {
    // Fri 16:00 -> Mon 10:00: 66 h of wall time; 2 h of business hours; 66 h on 24x7
    const sla = [{ clock: "respond" as const, status: "met", start: "2026-03-13T16:00:00Z", respondedAt: "2026-03-16T10:00:00Z" }, { clock: "resolve" as const, status: "met" }];
    const d = report([incident(1, "search", { closedAt: "2026-03-16T10:00:00Z", sla }), incident(2, "payments", { closedAt: "2026-03-16T10:00:00Z", sla })]);
    const search = d.services.find((s) => s.service === "search")!;
    const payments = d.services.find((s) => s.service === "payments")!;
    expect([search.calendar, search.mttaMinutes, search.mttrMinutes]).toEqual(["business", 120, 120]);
    expect([payments.calendar, payments.mttaMinutes, payments.mttrMinutes]).toEqual(["24x7", 66 * 60, 66 * 60]);
    expect(search.sla.respond).toEqual({ met: 1, breached: 0 });
  });

  it("keeps services apart: one's outage never lowers another's availability", () => {
    const d = report([incident(1, "payments", { outages: [{ start: "2026-03-10T10:00:00Z", end: "2026-03-10T12:00:00Z", source: "form", by: null }] })]);
    const by = Object.fromEntries(d.services.map((s) => [s.service, s]));
    expect(by.payments!.availability!.met).toBe(false);
    expect(by.payments!.missed).toEqual([expect.stringMatching(/^availability 99\.731% below the target of 99\.9%/)]);
    expect(by.search!.availability!.percent).toBe(100);
    expect(by.search!.missed).toEqual([]);
  });

  it("assigns changes by repository, with success rate and emergency share", () => {
    const search = report([]).services.find((s) => s.service === "search")!;
    expect(search.changes).toEqual({ byType: { standard: 0, normal: 1, emergency: 1 }, completed: 2, succeeded: 1, successRate: 0.5, emergencyShare: 0.5 });
  });

  it("puts incidents naming no known service in their own group, and ages the backlog at the period end", () => {
    const d = report([incident(3, "nope", { repo: "acme/other", createdAt: "2026-02-01T00:00:00Z" }), incident(4, "payments", { priority: "P1", createdAt: "2026-03-31T12:00:00Z" })]);
    const none = d.services.find((s) => s.service === "(no service)")!;
    expect(none.incidents.open).toBe(1);
    expect(none.incidents.backlogAge["> 30 days"]).toBe(1);
    expect(none.incidents.total).toBe(0); // opened before the period
    const payments = d.services.find((s) => s.service === "payments")!;
    expect(payments.incidents.byPriority.P1).toBe(1);
    expect(payments.incidents.backlogAge["< 1 day"]).toBe(1);
    expect(payments.problems).toEqual({ opened: 1, closed: 1, knownErrors: 1 });
  });

  it("names a place for DORA's four keys, empty until deployments are wired", () => {
    expect(report([]).services.every((s) => s.dora === null)).toBe(true);
  });
});

describe("a broken config never shortens the report silently", () => {
  it("says which repository's config was invalid, in the data and the Markdown that gets posted", async () => {
    const { renderServiceReportMarkdown } = await import("../../src/evidence/report/service-report.js");
    const d = serviceReportData({ period, catalogues: [{ repo: "acme/web", services: [], calendars, errors: ["acme/web: `.github/ims.yml`: `services.payments.hours` must name a calendar"] }], incidents: [], problems: [], changes: [] });
    expect(d.warnings).toEqual(["acme/web: `.github/ims.yml`: `services.payments.hours` must name a calendar"]);
    expect(renderServiceReportMarkdown(d)).toContain("> Incomplete: these configs are invalid");
  });
});
