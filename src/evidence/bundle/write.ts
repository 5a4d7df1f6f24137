import { servicePick, withDora } from "../../services/dora-slot.js";
import { createHash, type KeyObject } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadDefaultCatalogue, type Catalogue } from "../catalogue.js";
import { evidenceItemsFor } from "../evidence-items.js";
import { OUR_READING } from "../kinds.js";
import { toolInfo } from "../paths.js";
import { readManifestBytes } from "../reader/open.js";
import { renderReport } from "../report/render.js";
import { ServiceReportCollector } from "../report/service-collect.js";
import { renderServiceReportHtml } from "../report/service-report.js";
import { fingerprint, loadPrivateKey, publicKeyPem, signEnvelope } from "../signing.js";
import { renderVerifyDoc, shellVerification } from "../verify-doc.js";
import { canonicalJson } from "./canonical.js";
import { ControlIndex } from "./controls-index.js";
import { FINGERPRINT_PATH, MANIFEST_FORMAT, MANIFEST_PATH, PUBLIC_KEY_PATH, SIGNATURE_PATH, SUMS_PATH, sha256sumsText, type Manifest } from "./manifest.js";
import { writeAssessmentPlan, writeOscal } from "./oscal.js";
import { RecordSinks } from "./record-sinks.js";
import { HashedSink, type FileDigest } from "./sink.js";
import type { BundleSource } from "./source.js";
import { addChange, addEvidence, addIncident, addProblem, emptyStats } from "./stats.js";
import { DeliveryCollector } from "./delivery.js";
import { zipFiles } from "./zip-writer.js";
import { DEFAULT_EXCEPTION_RULES, directPushException, exceptionsDocument, exceptionsFor, type ExceptionEntry } from "../exceptions.js";
import { RecordRows } from "../report/record-tables.js";
import { RiskRegister } from "../report/risks-section.js";
import { VulnerabilityRegister } from "../report/vulnerabilities-section.js";
import type { SpilledItem } from "./controls-index.js";

export interface WriteBundleOptions {
  /** The .zip file or the folder to create; must not exist yet. */
  out: string;
  format: "zip" | "dir";
  /** Ed25519 private key (PEM or KeyObject); null or absent writes an UNSIGNED bundle. */
  signingKey?: string | KeyObject | null;
  /** The previous bundle (zip or folder): its manifest digest is chained into this one. */
  previous?: string | null;
  /** Generation time (ISO); defaults to now. Fixed times make bundles byte-for-byte reproducible. */
  generatedAt?: string;
  /** Catalogue to map evidence to; defaults to workflows/controls.yml. */
  catalogue?: Catalogue;
  /** Where to stage files; defaults to the OS temp folder. */
  tmpDir?: string;
  onProgress?: (p: { records: number; raw: number; phase: "collect" | "finish" }) => void;
}

export interface BundleResult {
  out: string;
  manifest: Manifest;
  /** SHA-256 of manifest.json: what the next bundle's `previous` holds. */
  manifestSha256: string;
  fingerprint: string | null;
}

/** Where the bundle keeps the service report (20000-1 9.4): the page, and its data for `ims-bot report`. */
export const SERVICE_REPORT_HTML = "reports/service-report.html";
export const SERVICE_REPORT_JSON = "reports/service-report.json";
/** Every exception of the period (what report.html lists first). */
export const EXCEPTIONS_JSON = "exceptions.json";
/** Evidence items listed per control in report.html's drill-down; controls/index.json has all. */
const CONTROL_ITEMS_SHOWN = 100;

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/** Writes an evidence bundle from streamed records: memory stays flat as the period grows. */
export async function writeBundle(source: BundleSource, options: WriteBundleOptions): Promise<BundleResult> {
  if (existsSync(options.out)) throw new Error(`${options.out} already exists; choose a new path (bundles are never overwritten)`);
  const key = typeof options.signingKey === "string" ? loadPrivateKey(options.signingKey) : (options.signingKey ?? null);
  const previous = options.previous ? sha256(await readManifestBytes(options.previous)) : null;
  const catalogue = options.catalogue ?? loadDefaultCatalogue();
  const generatedAt = new Date(options.generatedAt ?? Date.now()).toISOString();
  const tool = toolInfo();
  const tmp = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), "ims-bundle-"));
  try {
    const dir = path.join(tmp, "bundle");
    const work = path.join(tmp, "work");
    await mkdir(work, { recursive: true });
    await mkdir(path.join(dir, "controls"), { recursive: true });
    await mkdir(path.join(dir, "oscal"), { recursive: true });
    const records = await RecordSinks.open(dir);
    const index = new ControlIndex(catalogue, work);
    const items = new HashedSink(path.join(work, "items.jsonl"), "");
    const stats = emptyStats(source.period);
    const delivery = new DeliveryCollector();
    const services = source.services ? new ServiceReportCollector() : null;
    const rulesOf = (repo: string) => source.exceptionRules?.[repo] ?? DEFAULT_EXCEPTION_RULES;
    const exceptions: ExceptionEntry[] = [];
    const rows = new RecordRows((repo) => ({ periodEnd: source.period.to, rules: rulesOf(repo) }));
    const register = new RiskRegister();
    const vulnerabilities = new VulnerabilityRegister();
    let itemCount = 0;
    let seen = 0;
    // Records are exported whole (anything active in the period), but evidence counts only what happened
    // in it: an approval after the period end is the next period's evidence, not this one's.
    const from = Date.parse(source.period.from);
    const to = Date.parse(source.period.to);
    const inPeriod = (at: string) => Date.parse(at) >= from && Date.parse(at) <= to;
    for await (const entry of source.entries) {
      if (++seen % 500 === 0) options.onProgress?.({ records: seen - records.raw.length, raw: records.raw.length, phase: "collect" });
      if (entry.kind === "raw") {
        await records.addRaw(entry);
        continue;
      }
      if (entry.kind === "incident") addIncident(stats, entry);
      else if (entry.kind === "problem") addProblem(stats, entry);
      else if (entry.kind === "change") addChange(stats, entry, rulesOf(entry.repo).reviewDueDays);
      else if (entry.kind === "risk") register.add(entry);
      else if (entry.kind === "vulnerability") vulnerabilities.add(entry);
      else if (entry.kind !== "deployment") throw new Error(`unknown entry kind \`${(entry as { kind: unknown }).kind}\` from the exporter`);
      delivery.add(entry);
      await records.add(entry);
      services?.add(entry);
      rows.add(entry);
      exceptions.push(...exceptionsFor(entry, rulesOf(entry.repo), source.period));
      for (const item of evidenceItemsFor(entry)) {
        if (!inPeriod(item.at)) continue;
        itemCount++;
        addEvidence(stats, item);
        await items.write(JSON.stringify(item) + "\n");
        await index.add(item);
      }
    }
    options.onProgress?.({ records: seen - records.raw.length, raw: records.raw.length, phase: "finish" });
    const files: FileDigest[] = await records.close();
    await items.close();
    await index.seal();
    files.push(await index.writeJson(path.join(dir, "controls/index.json"), source.period));
    files.push(await index.writeCsv(path.join(dir, "controls/index.csv")));
    const signed = key !== null;
    const oscalMeta = {
      title: `ims-bot evidence ${source.period.from} to ${source.period.to}`,
      toolVersion: tool.version,
      generatedAt,
      period: source.period,
      repos: source.repos,
      signed,
    };
    files.push(await writeAssessmentPlan(path.join(dir, "oscal/assessment-plan.json"), index, oscalMeta));
    files.push(await writeOscal(path.join(dir, "oscal/assessment-results.json"), path.join(work, "items.jsonl"), itemCount, index, oscalMeta));
    const fp = key ? fingerprint(key) : null;
    const put = async (rel: string, text: string) => {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
      files.push({ path: rel, sha256: sha256(text), size: Buffer.byteLength(text) });
    };
    const deployments = delivery.view(source.repos, source.period);
    const controlItems = new Map<number, SpilledItem[]>();
    for (const [i, c] of index.coverage.entries()) {
      if (!c.count) continue;
      const list: SpilledItem[] = [];
      for await (const it of index.items(i)) {
        list.push(it);
        if (list.length >= CONTROL_ITEMS_SHOWN) break;
      }
      controlItems.set(i, list);
    }
    for (const p of source.directPushes ?? []) {
      const e = directPushException(p);
      if (inPeriod(e.at)) exceptions.push(e);
    }
    const exceptionsDoc = exceptionsDocument(exceptions, source.period, Object.fromEntries(source.repos.map((r) => [r, rulesOf(r)])));
    await put(EXCEPTIONS_JSON, canonicalJson(exceptionsDoc));
    await put("records/dora.json", canonicalJson({ definition: "Google Four Keys (github.com/dora-team/fourkeys); see README, DORA's four keys", repositories: deployments.dora }));
    if (key) {
      await put(PUBLIC_KEY_PATH, publicKeyPem(key));
      await put(FINGERPRINT_PATH, `${fp}\n`);
    }
    await put(
      "report.html",
      renderReport({
        tool,
        generatedAt,
        repos: source.repos,
        period: source.period,
        apiUrl: source.apiUrl,
        signed,
        fingerprint: fp,
        previous,
        rawDocuments: records.raw.length,
        stats,
        coverage: index.coverage,
        catalogues: catalogue.catalogues,
        verifyCommands: shellVerification(signed),
        configs: source.configs ?? [],
        deployments,
        exceptions: exceptionsDoc.exceptions,
        records: rows,
        risks: register,
        vulnerabilities,
        rawIds: new Set(records.raw.map((f) => f.path.slice("raw/".length, -".json".length))),
        problemRoles: rows.roles,
        controlItems,
      }),
    );
    if (services && source.services) {
      const catalogues = source.services;
      const base = services.data(source.period, catalogues);
      // per service, over its own changes and deployments (a monorepo's two services get two figures)
      const data = withDora(base, (s) => {
        const listed = s.known?.repositories.map((r) => r.toLowerCase()) ?? [];
        const repos = listed.length ? base.repos.filter((r) => listed.includes(r.toLowerCase())) : base.repos;
        return delivery.serviceKeys(s.service, repos, source.period, servicePick(s, catalogues, services.changes));
      });
      await put(SERVICE_REPORT_JSON, canonicalJson(data));
      await put(SERVICE_REPORT_HTML, renderServiceReportHtml(data, { generatedAt }));
    }
    await put("VERIFY.md", renderVerifyDoc({ signed, fingerprint: fp, previous, toolVersion: tool.version }));
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const sums = sha256sumsText(files);
    await writeFile(path.join(dir, SUMS_PATH), sums);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      tool,
      generatedAt,
      source: { apiUrl: source.apiUrl },
      repos: source.repos,
      period: source.period,
      counts: {
        incidents: records.count("incident"),
        problems: records.count("problem"),
        changes: records.count("change"),
        deployments: records.count("deployment"),
        risks: records.count("risk"),
        vulnerabilities: records.count("vulnerability"),
        raw: records.raw.length,
        evidenceItems: itemCount,
        controls: index.coverage.length,
        gaps: index.coverage.filter((c) => c.gap).length,
        outside: index.coverage.filter((c) => c.outside).length,
        exceptions: exceptions.length,
      },
      signed,
      signing: key ? { algorithm: "Ed25519", envelope: "DSSE", keyId: fp!, publicKey: PUBLIC_KEY_PATH } : null,
      previous: previous ? { manifestSha256: previous } : null,
      configs: source.configs ?? [],
      catalogue: { iso20000Basis: OUR_READING },
      sha256sums: sha256(sums),
      files,
    };
    const manifestBytes = Buffer.from(canonicalJson(manifest), "utf8");
    await writeFile(path.join(dir, MANIFEST_PATH), manifestBytes);
    const all = [MANIFEST_PATH, SUMS_PATH, ...files.map((f) => f.path)];
    if (key) {
      await writeFile(path.join(dir, SIGNATURE_PATH), canonicalJson(signEnvelope(manifestBytes, key)) + "\n");
      all.push(SIGNATURE_PATH);
    }
    await finalise(dir, all.sort(), options, new Date(generatedAt));
    return { out: options.out, manifest, manifestSha256: sha256(manifestBytes), fingerprint: fp };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Moves the staged folder into place, or zips it; a partial zip never sits at the final path. */
async function finalise(dir: string, files: string[], options: WriteBundleOptions, mtime: Date): Promise<void> {
  if (options.format === "dir") {
    await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    try {
      await rename(dir, options.out);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
      await cp(dir, options.out, { recursive: true });
    }
    return;
  }
  const partial = `${options.out}.partial`;
  await zipFiles(dir, files, partial, mtime);
  await rename(partial, options.out);
}
