import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/resolve.js";
import { matchService, resolversOf, serviceCatalogue } from "../../src/services/catalogue.js";
import { resolveTeam } from "../../src/sla/teams.js";

describe("the service catalogue", () => {
  it("reads an older config's escalation.resolvers.services as services, resolver only", () => {
    const { config, errors } = resolveConfig({ escalation: { resolvers: { default: "desk", services: { Payments: "pay-oncall" } } } });
    expect(errors).toEqual([]);
    expect(serviceCatalogue(config)).toEqual([
      { name: "Payments", owner: null, resolver: "pay-oncall", criticality: null, availability: null, hours: null, repositories: [], paths: [], from: "escalation.resolvers.services" },
    ]);
    expect(resolveTeam("resolver", " payments ", resolversOf(config))).toBe("pay-oncall");
  });

  it("a service under `services` wins over the older map, matched case-insensitively and trimmed", () => {
    const { config, errors } = resolveConfig({
      escalation: { resolvers: { default: "desk", services: { payments: "old-team" } } },
      services: { Payments: { owner: "pay-owners", resolver: "pay-oncall", criticality: "critical", availability: 99.95, hours: "24x7", repositories: ["acme/payments"] } },
    });
    expect(errors).toEqual([]);
    expect(serviceCatalogue(config).map((s) => [s.name, s.resolver, s.from])).toEqual([["Payments", "pay-oncall", "services"]]);
    expect(resolveTeam("resolver", "  PAYMENTS", resolversOf(config))).toBe("pay-oncall");
    const m = matchService(config, "payments ");
    expect(m.state === "matched" && m.service.availability).toBe(99.95);
  });

  it("an unknown service is said with the known ones", () => {
    const { config } = resolveConfig({ services: { search: { owner: "s", resolver: "s" }, payments: { owner: "p", resolver: "p" } } });
    expect(matchService(config, "paymnts")).toEqual({ state: "unknown", named: "paymnts", known: ["search", "payments"] });
    expect(resolveTeam("resolver", "paymnts", resolversOf(config))).toBe("service-desk");
  });

  it("service hours must name a calendar, or the config fails closed and says where", () => {
    const r = resolveConfig({ services: { payments: { owner: "p", resolver: "p", hours: "office" } } });
    expect(r.source).toBe("fallback");
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([["services.payments.hours", "must name a calendar under `sla.calendars` (`24x7`, `business`)"]]);
  });

  it("an availability target above 100% is refused", () => {
    const r = resolveConfig({ services: { payments: { owner: "p", resolver: "p", availability: 101 } } });
    expect(r.errors.map((e) => e.path)).toEqual(["services.payments.availability"]);
  });
});
