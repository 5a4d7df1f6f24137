import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { resolveConfig } from "../../config/resolve.js";
import { formatConfigError } from "../../config/errors.js";
import type { BundleEntry } from "../bundle/source.js";
import { readLines } from "../bundle/spill.js";
import type { RawDocument } from "../types.js";
import type { ConfigProvenance } from "../config-provenance.js";
import type { RepoIndex, SpoolNode } from "./gql-types.js";
import { normaliseChange } from "./normalise/change.js";
import { normaliseDeployment } from "./normalise/deployment.js";
import type { NormaliseContext } from "./normalise/incident.js";
import { ISSUE_NORMALISERS } from "./normalise/kinds.js";
import type { TrustedApp } from "./normalise/common.js";
import type { Spool } from "./spool.js";
import { serviceCatalogue } from "../../services/catalogue.js";
import type { RepoCatalogue } from "../../services/report-data.js";
import type { ExceptionRules } from "../exceptions.js";
import type { DirectPush } from "./direct-pushes.js";

/**
 * The repository's config as the app would read it, `_extends` already merged by the reader: the
 * defaults when absent or invalid, and why it is invalid (the reader's provenance, else the text
 * itself), never an unparsable file silently read as `{}`.
 */
export function resolvedConfigOf(index: RepoIndex): { config: ReturnType<typeof resolveConfig>["config"]; errors: string[] } {
  const repo = index.repo;
  if (index.config.provenance?.invalid) return { config: resolveConfig(null).config, errors: [`${repo}: ${index.config.provenance.invalid}`] };
  let raw: unknown = null;
  try {
    raw = index.config.text === null ? null : parse(index.config.text);
  } catch (e) {
    return { config: resolveConfig(null).config, errors: [`${repo}: .github/ims.yml is not valid YAML (${(e as Error).message.split("\n")[0]})`] };
  }
  const resolved = resolveConfig(raw);
  return { config: resolved.config, errors: resolved.errors.map((e) => `${repo}: ${formatConfigError(e)}`) };
}

/** The repository's config as the app would read it (defaults when absent or invalid). */
export function configOf(index: RepoIndex) {
  return resolvedConfigOf(index).config;
}

/** Each repository's service catalogue and calendars, from the config its records are judged by. */
export async function serviceCataloguesOf(spool: Spool, repos: readonly string[]): Promise<RepoCatalogue[]> {
  const out: RepoCatalogue[] = [];
  for (const repo of repos) {
    const index = JSON.parse(await readFile(path.join(spool.repoDir(repo), "index.json"), "utf8")) as RepoIndex;
    // an invalid config is judged by the defaults (no services): the report says so rather than show fewer services
    const { config, errors } = resolvedConfigOf(index);
    out.push({ repo, services: serviceCatalogue(config), calendars: config.sla.calendars, ...(errors.length ? { errors } : {}) });
  }
  return out;
}

/** Each repository's limits for the auditor's exceptions, from the config its records are judged by. */
export async function exceptionRulesOf(spool: Spool, repos: readonly string[]): Promise<Record<string, ExceptionRules>> {
  const out: Record<string, ExceptionRules> = {};
  for (const repo of repos) {
    const config = configOf(JSON.parse(await readFile(path.join(spool.repoDir(repo), "index.json"), "utf8")) as RepoIndex);
    out[repo] = { securityAssessDays: config.evidence.exceptions.securityAssessDays, reviewDueDays: config.change.emergency.reviewDueDays };
  }
  return out;
}

/** Each repository's direct pushes to its default branch that touched .github/ims.yml or change paths (export/direct-pushes.ts). */
export async function directPushesOf(spool: Spool, repos: readonly string[]): Promise<DirectPush[]> {
  const out: DirectPush[] = [];
  for (const repo of repos) out.push(...((JSON.parse(await readFile(path.join(spool.repoDir(repo), "index.json"), "utf8")) as RepoIndex).directPushes ?? []));
  return out;
}

/** Which config each repository's records are judged by, from the spool's indexes (small files). */
export async function configsOf(spool: Spool, repos: readonly string[]): Promise<ConfigProvenance[]> {
  const out: ConfigProvenance[] = [];
  for (const repo of repos) {
    const index = JSON.parse(await readFile(path.join(spool.repoDir(repo), "index.json"), "utf8")) as RepoIndex;
    // a spool written before provenance was kept cannot say; the bundle says that rather than guess
    out.push(index.config.provenance ?? { repo, judgedBy: index.config.text === null ? "defaults" : "repository", files: [], assumed: true, note: "not recorded by the interrupted export this one resumed" });
  }
  return out;
}

/**
 * Streams the bundle's entries from the spool: each repository's API responses, then its records,
 * normalised one node at a time (memory holds one node and the repository's small index).
 */
export async function* spoolEntries(spool: Spool, repos: readonly string[], periodEnd: string, trusted: TrustedApp, prelude: RawDocument[] = []): AsyncGenerator<BundleEntry> {
  yield* prelude;
  for (const repo of repos) {
    const dir = spool.repoDir(repo);
    const index = JSON.parse(await readFile(path.join(dir, "index.json"), "utf8")) as RepoIndex;
    const ctx: NormaliseContext = { index, config: configOf(index), periodEnd, trusted };
    for await (const line of readLines(path.join(dir, "raw.jsonl"))) yield JSON.parse(line) as RawDocument;
    for await (const line of readLines(path.join(dir, "nodes.jsonl"))) {
      const n = JSON.parse(line) as SpoolNode;
      if (n.t === "pull") {
        const change = normaliseChange(n.node, n.sources, ctx);
        if (change) yield change;
      } else if (n.t === "deployment") {
        const deployment = normaliseDeployment(n.node, n.sources, ctx);
        if (deployment) yield deployment;
      } else {
        yield* ISSUE_NORMALISERS[n.kind](n.node, n.sources, ctx);
      }
    }
  }
}
