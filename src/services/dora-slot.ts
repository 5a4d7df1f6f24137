import type { FourKeys } from "../deploy/dora.js";
import type { DoraSlot, ServiceReportData } from "./report-types.js";

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);

/**
 * A service's DORA keys, from the four keys of the repository that makes it up (records/dora.json).
 * DORA's keys are per repository (one deployment pipeline); a service made of several repositories
 * gets none here rather than an average of pipelines, and the report points to records/dora.json.
 */
export function doraSlotFor(repositories: readonly string[], dora: readonly FourKeys[]): DoraSlot | null {
  if (repositories.length !== 1) return null;
  const keys = dora.find((k) => k.repo.toLowerCase() === repositories[0]!.toLowerCase());
  if (!keys || keys.deploymentFrequency.successful === 0) return null;
  return {
    deploymentFrequency: keys.deploymentFrequency.perWeek,
    leadTimeHours: hours(keys.leadTime.medianMinutes),
    changeFailureRate: keys.changeFailureRate.rate,
    timeToRestoreHours: hours(keys.timeToRestore.medianMinutes),
  };
}

/** Fills each known service's DORA keys (a service with no repositories listed is the report's one repository's). */
export function withDora(data: ServiceReportData, dora: readonly FourKeys[]): ServiceReportData {
  return {
    ...data,
    services: data.services.map((s) => {
      if (!s.known) return s;
      const repos = s.known.repositories.length ? s.known.repositories : data.repos.length === 1 ? data.repos : [];
      return { ...s, dora: doraSlotFor(repos, dora) };
    }),
  };
}
