import type { ImsConfig, ServiceConfig } from "../config/schema.js";

/**
 * The service catalogue as decisions read it: `services:` of the config, plus the older
 * `escalation.resolvers.services` (service -> resolver team) for configs written before it, where
 * a service of the same name (case and spaces ignored) under `services:` wins.
 */
export interface CatalogueService {
  name: string;
  /** null for a service known only from `escalation.resolvers.services`. */
  owner: string | null;
  resolver: string;
  criticality: ServiceConfig["criticality"] | null;
  /** Availability target in percent; null when none is configured. */
  availability: number | null;
  /** Calendar name of the agreed service hours; null when none is configured. */
  hours: string | null;
  repositories: string[];
  paths: string[];
  /** Where it was configured. */
  from: "services" | "escalation.resolvers.services";
}

/** How names are compared: trimmed, case-insensitive ("Payments " is `payments`). */
export const serviceKey = (name: string) => name.trim().toLowerCase();

/** Every service of the config, `services:` first (in config order), then the older resolver map. */
export function serviceCatalogue(config: Pick<ImsConfig, "services" | "escalation">): CatalogueService[] {
  const out: CatalogueService[] = Object.entries(config.services ?? {}).map(([name, s]) => ({
    name,
    owner: s.owner,
    resolver: s.resolver,
    criticality: s.criticality,
    availability: s.availability,
    hours: s.hours,
    repositories: s.repositories,
    paths: s.paths,
    from: "services",
  }));
  const known = new Set(out.map((s) => serviceKey(s.name)));
  for (const [name, resolver] of Object.entries(config.escalation.resolvers.services)) {
    if (known.has(serviceKey(name))) continue;
    known.add(serviceKey(name));
    out.push({ name, owner: null, resolver, criticality: null, availability: null, hours: null, repositories: [], paths: [], from: "escalation.resolvers.services" });
  }
  return out;
}

/** The service an incident names (trimmed, case-insensitive); null when none matches. */
export function findService(catalogue: readonly CatalogueService[], name: string | null | undefined): CatalogueService | null {
  if (!name || !name.trim()) return null;
  const key = serviceKey(name);
  return catalogue.find((s) => serviceKey(s.name) === key) ?? null;
}

/** What an incident's "Affected service" is, against the catalogue. */
export type ServiceMatch =
  | { state: "matched"; service: CatalogueService }
  | { state: "unknown"; named: string; known: string[] }
  | { state: "none"; known: string[] }
  | { state: "no-catalogue" };

/** Matches an incident's Affected service against the catalogue (no catalogue: nothing to say). */
export function matchService(config: Pick<ImsConfig, "services" | "escalation">, named: string | null): ServiceMatch {
  const catalogue = serviceCatalogue(config);
  if (catalogue.length === 0) return { state: "no-catalogue" };
  const known = catalogue.map((s) => s.name);
  if (!named || !named.trim()) return { state: "none", known };
  const service = findService(catalogue, named);
  return service ? { state: "matched", service } : { state: "unknown", named: named.trim(), known };
}

/** The resolver map the escalation rules read: the older map, with every catalogue service over it. */
export function resolversOf(config: Pick<ImsConfig, "services" | "escalation">): ImsConfig["escalation"]["resolvers"] {
  const services: Record<string, string> = {};
  for (const s of serviceCatalogue(config)) services[s.name] = s.resolver;
  return { default: config.escalation.resolvers.default, services };
}
