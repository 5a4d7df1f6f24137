import type { FourKeys } from "../deploy/dora.js";
import { servicesOfChange } from "./attribution.js";
import { serviceKey } from "./catalogue.js";
import type { DoraSlot, RepoCatalogue, ReportChange, ServiceReportData, ServiceSection } from "./report-types.js";

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);

/** A service's DORA slot from its four keys; null without a successful production deployment. */
export function doraSlotOf(keys: FourKeys | null | undefined): DoraSlot | null {
  if (!keys || keys.deploymentFrequency.successful === 0) return null;
  return {
    deploymentFrequency: keys.deploymentFrequency.perWeek,
    leadTimeHours: hours(keys.leadTime.medianMinutes),
    changeFailureRate: keys.changeFailureRate.rate,
    timeToRestoreHours: hours(keys.timeToRestore.medianMinutes),
  };
}

/** A service's DORA keys from the four keys of the one repository that makes it up (records/dora.json). */
export function doraSlotFor(repositories: readonly string[], dora: readonly FourKeys[]): DoraSlot | null {
  if (repositories.length !== 1) return null;
  return doraSlotOf(dora.find((k) => k.repo.toLowerCase() === repositories[0]!.toLowerCase()));
}

/** What a service's four keys are computed over: its changes and deployments, by src/services/attribution.ts. */
export interface ServicePick {
  change: (repo: string, pull: number) => boolean;
  deployment: (repo: string, pulls: readonly number[]) => boolean;
}

/**
 * Which changes and deployments are a service's: a change whose files match its paths (its repository's one
 * service when none match); a deployment that delivered one of them, or, delivering no known change, in a
 * repository the service owns whole. Changes not among the period's records have no files: only the whole-owner rule applies.
 */
export function servicePick(section: ServiceSection, catalogues: readonly RepoCatalogue[], changes: readonly ReportChange[]): ServicePick {
  const key = section.known ? serviceKey(section.known.name) : null;
  const files = new Map(changes.map((c) => [`${c.repo.toLowerCase()}#${c.number}`, c.files ?? []]));
  const cat = new Map(catalogues.map((c) => [c.repo.toLowerCase(), c.services]));
  const owns = (repo: string, f: readonly string[]) => key !== null && servicesOfChange(cat.get(repo.toLowerCase()) ?? [], repo, f).some((s) => serviceKey(s.name) === key);
  const change = (repo: string, pull: number) => owns(repo, files.get(`${repo.toLowerCase()}#${pull}`) ?? []);
  return { change, deployment: (repo, pulls) => (pulls.length ? pulls.some((p) => change(repo, p)) : owns(repo, [])) };
}

/** Fills each known service's DORA keys with `keysOf` (a service's own deliveries: src/evidence/bundle/delivery.ts serviceKeys). */
export function withDora(data: ServiceReportData, keysOf: (s: ServiceSection) => FourKeys | null): ServiceReportData {
  return { ...data, services: data.services.map((s) => (s.known ? { ...s, dora: doraSlotOf(keysOf(s)) } : s)) };
}
