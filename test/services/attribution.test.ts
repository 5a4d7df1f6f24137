import { describe, expect, it } from "vitest";
import { CalendarSchema } from "../../src/config/schema.js";
import { DeliveryCollector } from "../../src/evidence/bundle/delivery.js";
import { servicesOfChange, servicesOfDeployment, serviceOfIncident } from "../../src/services/attribution.js";
import type { CatalogueService } from "../../src/services/catalogue.js";
import { servicePick, withDora } from "../../src/services/dora-slot.js";
import { serviceReportData, type ReportChange } from "../../src/services/report-data.js";
import { changeRecord, deploymentRecord } from "./attribution-fixtures.js";

const svc = (name: string, repositories: string[], paths: string[] = []): CatalogueService => ({
  name, owner: `${name}-owners`, resolver: `${name}-oncall`, criticality: "high", availability: 99.9, hours: "24x7", repositories, paths, from: "services",
});
// a monorepo with two services by path, a service owning another repository whole, a service spanning two repositories
const catalogue = [
  svc("payments", ["acme/mono"], ["services/payments/**"]),
  svc("search", ["acme/mono"], ["services/search/**", "libs/query/**"]),
  svc("web", ["acme/web"]),
  svc("ledger", ["acme/ledger-api", "acme/ledger-ui"]),
];

describe("which service a change belongs to (services.<name>.paths)", () => {
  it("is the service whose paths match its files, in a repository it lists", () => {
    expect(servicesOfChange(catalogue, "acme/mono", ["services/payments/charge.ts"]).map((s) => s.name)).toEqual(["payments"]);
    expect(servicesOfChange(catalogue, "ACME/Mono", ["libs/query/parse.ts", "README.md"]).map((s) => s.name)).toEqual(["search"]);
  });

  it("is both services for a change touching both, and none for files of neither", () => {
    expect(servicesOfChange(catalogue, "acme/mono", ["services/payments/a.ts", "services/search/b.ts"]).map((s) => s.name)).toEqual(["payments", "search"]);
    expect(servicesOfChange(catalogue, "acme/mono", ["docs/index.md"])).toEqual([]);
  });

  it("never matches paths in a repository the service does not list", () => {
    expect(servicesOfChange(catalogue, "acme/other", ["services/payments/charge.ts"])).toEqual([]);
  });

  it("matches paths in any repository for a service that lists none", () => {
    const anywhere = [svc("docs", [], ["docs/**"])];
    expect(servicesOfChange(anywhere, "acme/anything", ["docs/a.md"]).map((s) => s.name)).toEqual(["docs"]);
  });

  it("is the one service that owns the repository whole when it has no paths", () => {
    expect(servicesOfChange(catalogue, "acme/web", ["anything.ts"]).map((s) => s.name)).toEqual(["web"]);
    expect(servicesOfChange(catalogue, "acme/ledger-ui", []).map((s) => s.name)).toEqual(["ledger"]);
  });

  it("a deployment is the services of the changes it delivered", () => {
    expect(servicesOfDeployment(catalogue, [{ repo: "acme/mono", files: ["services/search/x.ts"] }]).map((s) => s.name)).toEqual(["search"]);
  });
});

describe("which service an incident belongs to", () => {
  it("is its Affected service first, else the one service owning its repository, else none", () => {
    expect(serviceOfIncident(catalogue, "acme/web", "Payments ")).toMatchObject({ service: { name: "payments" }, by: "named" });
    expect(serviceOfIncident(catalogue, "acme/web", "nope")).toMatchObject({ service: { name: "web" }, by: "repository" });
    // two services list acme/mono: the repository says nothing
    expect(serviceOfIncident(catalogue, "acme/mono", null)).toBeNull();
  });
});

const period = { from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z" };
const calendars = { "24x7": CalendarSchema.parse({ timeZone: "UTC", alwaysOpen: true }) };
const change = (repo: string, number: number, files: string[], o: Partial<ReportChange> = {}): ReportChange => ({
  repo, number, url: "u", type: "normal", state: "merged", createdAt: "2026-03-03T00:00:00Z", mergedAt: "2026-03-03T01:00:00Z", gatePassed: true, files, ...o,
});

describe("the service report of a monorepo with two services", () => {
  const catalogues = ["acme/mono", "acme/ledger-api", "acme/ledger-ui"].map((repo) => ({ repo, services: catalogue, calendars }));
  const changes = [
    change("acme/mono", 1, ["services/payments/a.ts"], { type: "emergency" }),
    change("acme/mono", 2, ["services/payments/b.ts"], { gatePassed: false }),
    change("acme/mono", 3, ["services/search/c.ts"]),
    change("acme/mono", 4, ["docs/x.md"]),
    change("acme/ledger-api", 5, ["api.ts"]),
    change("acme/ledger-ui", 6, ["ui.ts"]),
  ];
  const data = serviceReportData({ period, catalogues, incidents: [], problems: [], changes });
  const by = Object.fromEntries(data.services.map((s) => [s.service, s]));

  it("gives each service its own change figures, never a shared one", () => {
    expect(by.payments!.changes).toMatchObject({ byType: { standard: 0, normal: 1, emergency: 1 }, completed: 2, succeeded: 1, successRate: 0.5, emergencyShare: 0.5 });
    expect(by.search!.changes).toMatchObject({ byType: { standard: 0, normal: 1, emergency: 0 }, successRate: 1, emergencyShare: 0 });
    expect(by["(no service)"]!.changes.byType.normal).toBe(1);
    expect(by.ledger!.changes.completed).toBe(2);
  });

  it("gives each service its own DORA keys, over the deployments that delivered its changes, pooled across a service's repositories", () => {
    const delivery = new DeliveryCollector();
    // pull 1 (payments) first commit 1 h before its deployment; pull 3 (search) 10 h before
    delivery.add(changeRecord("acme/mono", 1, "2026-03-05T09:00:00Z"));
    delivery.add(changeRecord("acme/mono", 3, "2026-03-05T00:00:00Z"));
    delivery.add(deploymentRecord("acme/mono", 101, "2026-03-05T10:00:00Z", "success", [1]));
    delivery.add(deploymentRecord("acme/mono", 102, "2026-03-06T10:00:00Z", "failed", [3]));
    delivery.add(deploymentRecord("acme/mono", 103, "2026-03-07T10:00:00Z", "success", [3]));
    // ledger: the same pull number in two repositories are two changes
    delivery.add(changeRecord("acme/ledger-api", 5, "2026-03-10T08:00:00Z"));
    delivery.add(changeRecord("acme/ledger-ui", 6, "2026-03-10T06:00:00Z"));
    delivery.add(deploymentRecord("acme/ledger-api", 201, "2026-03-10T10:00:00Z", "success", [5]));
    delivery.add(deploymentRecord("acme/ledger-ui", 202, "2026-03-10T10:00:00Z", "success", [6]));
    const filled = withDora(data, (s) => {
      const repos = s.known!.repositories.length ? s.known!.repositories : data.repos;
      return delivery.serviceKeys(s.service, repos, period, servicePick(s, catalogues, changes));
    });
    const dora = Object.fromEntries(filled.services.map((s) => [s.service, s.dora]));
    expect(dora.payments).toMatchObject({ leadTimeHours: 1, changeFailureRate: 0 });
    expect(dora.search).toMatchObject({ leadTimeHours: 10 + 24 * 2, changeFailureRate: 0.5 });
    // two deployments, lead times 2 h and 4 h: median 3 h
    expect(dora.ledger).toMatchObject({ leadTimeHours: 3, changeFailureRate: 0 });
    expect(dora["(no service)"]).toBeNull();
  });
});
