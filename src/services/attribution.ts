import { globMatcher } from "../change/config.js";
import { findService, type CatalogueService } from "./catalogue.js";

/**
 * Which service a record belongs to (issue 14 §1: "the repositories or paths that make it up"). Pure.
 *
 * - A change (pull request) belongs to every service whose `paths` match one of its changed files, in a
 *   repository the service lists (or any repository when it lists none). A service without `paths` owns
 *   its repositories whole. A change matching none falls to the one service that owns its repository, if
 *   exactly one does.
 * - A deployment belongs to the services of the changes it delivered.
 * - An incident or problem to its "Affected service" first, else to the one service that owns its repository.
 */

const sameRepo = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The service lists the repository (a service listing none covers any repository, but owns none). */
const coversRepo = (s: CatalogueService, repo: string) => s.repositories.length === 0 || s.repositories.some((r) => sameRepo(r, repo));

/** The one service that lists the repository, when exactly one does. */
export function ownerOfRepo(catalogue: readonly CatalogueService[], repo: string): CatalogueService | null {
  const owners = catalogue.filter((s) => s.repositories.some((r) => sameRepo(r, repo)));
  return owners.length === 1 ? owners[0]! : null;
}

/** The services whose paths match a change's files (in a repository they cover), else the repository's one owner. */
export function servicesOfChange(catalogue: readonly CatalogueService[], repo: string, files: readonly string[]): CatalogueService[] {
  const byPath = catalogue.filter((s) => {
    if (!s.paths.length || !coversRepo(s, repo)) return false;
    const match = globMatcher(s.paths);
    return files.some((f) => match(f));
  });
  if (byPath.length) return byPath;
  // no paths matched: a repository listed by exactly one service that claims it whole (no paths) is that service's
  const whole = catalogue.filter((s) => !s.paths.length && s.repositories.some((r) => sameRepo(r, repo)));
  return whole.length === 1 ? whole : [];
}

/** The services of the changes a deployment delivered (each once, catalogue order). */
export function servicesOfDeployment(catalogue: readonly CatalogueService[], delivered: ReadonlyArray<{ repo: string; files: readonly string[] }>): CatalogueService[] {
  const names = new Set(delivered.flatMap((c) => servicesOfChange(catalogue, c.repo, c.files).map((s) => s.name)));
  return catalogue.filter((s) => names.has(s.name));
}

/** An incident's (or problem's) service: its "Affected service" when the catalogue knows it, else its repository's one owner. */
export function serviceOfIncident(catalogue: readonly CatalogueService[], repo: string, named: string | null): { service: CatalogueService; by: "named" | "repository" } | null {
  const s = findService(catalogue, named);
  if (s) return { service: s, by: "named" };
  const owner = ownerOfRepo(catalogue, repo);
  return owner ? { service: owner, by: "repository" } : null;
}
