import { describe, expect, it } from "vitest";
import { CalendarSchema } from "../../src/config/schema.js";
import { renderServiceReportHtml, renderServiceReportMarkdown } from "../../src/evidence/report/service-report.js";
import { serviceReportData } from "../../src/services/report-data.js";

const calendars = { "24x7": CalendarSchema.parse({ timeZone: "UTC", alwaysOpen: true }) };
const evil = "<img src=x onerror=alert(1)>|`x`";
const d = serviceReportData({
  period: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z" },
  catalogues: [{ repo: "acme/web", calendars, services: [{ name: evil, owner: "o", resolver: "r", criticality: "low", availability: 99, hours: "24x7", repositories: [], paths: [], from: "services" }] }],
  incidents: [{ repo: "acme/web", number: 1, url: "javascript:alert(1)", service: evil, priority: "P1", createdAt: "2026-03-02T00:00:00Z", closedAt: null, sla: [], outages: [{ start: "2026-03-02T00:00:00Z", end: "2026-03-02T12:00:00Z", source: "form", by: null }] }],
  problems: [],
  changes: [],
});

describe("the service report as HTML and Markdown", () => {
  it("is one self-contained page: no request, every text escaped, no script link", () => {
    const page = renderServiceReportHtml(d, { generatedAt: "2026-04-01T00:00:00.000Z" });
    expect(page).toMatch(/http-equiv="Content-Security-Policy" content="default-src (&#39;|')none/);
    expect(page).not.toContain("<img");
    expect(page).not.toContain("javascript:");
    expect(page).not.toMatch(/<(script|link rel="stylesheet"|iframe)/);
    expect(page).toContain("<svg class=\"bar\"");
    expect(page).toMatch(/98\.387% against a target of 99%/);
  });

  it("escapes Markdown in service names so a table row stays one row", () => {
    const md = renderServiceReportMarkdown(d);
    const row = md.split("\n").find((l) => l.includes("98.387%"))!;
    expect(row).toContain("\\<img src=x onerror=alert(1)\\>\\|\\`x\\`");
    expect(row.split(/(?<!\\)\|/).length).toBe(16);
  });
});
