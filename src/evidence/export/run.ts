import { trustApp } from "./normalise/common.js";
import { verifyBundle } from "../verify.js";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { writeBundle, type BundleResult } from "../bundle/write.js";
import { createProgress } from "../progress.js";
import type { RawDocument } from "../types.js";
import { tokenSource } from "./auth.js";
import { exportCatalogue } from "./catalogue.js";
import { GitHubClient } from "./client.js";
import { configsOf, directPushesOf, exceptionRulesOf, serviceCataloguesOf, spoolEntries } from "./entries.js";
import { describeProvenance, invalidConfigLine } from "../config-provenance.js";
import { ExportError } from "./errors.js";
import { readRepo, type RepoSummary } from "./reader.js";
import { ownerRepos } from "./repos.js";
import { Spool } from "./spool.js";
import { KIND_IDS, kindLabel } from "../../records/kinds.js";

/** What `ims-bot export` asks for, validated by the CLI. */
export interface ExportOptions {
  /** owner/name of each repository to read. */
  repos: string[];
  /** Read every repository of this owner (in addition to `repos`). */
  org: string | null;
  /** ISO times, `from` inclusive, `to` inclusive (a date means its whole day, UTC). */
  from: string;
  to: string;
  /** The .zip file or folder to write; must not exist. */
  out: string;
  format: "zip" | "dir";
  /** Ed25519 private key PEM; null writes an UNSIGNED bundle (only with --unsigned). */
  signingKeyPem: string | null;
  /** The previous bundle to chain to. */
  previous: string | null;
  /** GitHub API base URL, e.g. https://api.github.com. */
  apiUrl: string;
  /** Write a (valid, empty) bundle when the period has no records; otherwise that is an error. */
  allowEmpty?: boolean;
  /**
   * Take a 404 for the owner's `.github` repository as "it has none". GitHub answers 404 for a
   * private repository the token cannot read too, so without this that is an error; the bundle records it.
   */
  noOrgConfig?: boolean;
  /** The app's slug (bot login without `[bot]`): only its comments and check runs carry trusted traces; null trusts any app (with a warning). */
  appLogin?: string | null;
}

/** Where the exporter talks to: environment (credentials), output lines, the progress stream, waits and time. */
export interface ExportIo {
  env: NodeJS.ProcessEnv;
  out?: (text: string) => void;
  /** Progress output (default stderr): a bar on a terminal, lines otherwise. */
  progress?: { write(text: string): unknown; isTTY?: boolean };
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Bundle generation time (fixed in tests for reproducible bundles). */
  generatedAt?: string;
}

export interface ExportResult extends BundleResult {
  repos: string[];
  /** Repositories taken from the resume spool of an earlier, interrupted run. */
  resumed: string[];
  summaries: RepoSummary[];
  calls: { rest: number; graphql: number; total: number; graphqlCost: number; waits: number };
}

/**
 * Exports the evidence of a period: reads each repository into the resume spool (`<out>.partial/`),
 * then streams the spool into the bundle writer and moves the bundle to `out`.
 * Example: await runExport({ repos: ["acme/web"], org: null, from, to, out: "evidence.zip", format: "zip", signingKeyPem, previous: null, apiUrl }, { env: process.env })
 */
export async function runExport(options: ExportOptions, io: ExportIo = { env: process.env }): Promise<ExportResult> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  if (existsSync(options.out)) throw new ExportError(`${options.out} already exists; bundles are never overwritten (choose a new --out)`);
  if (options.previous) {
    // A chain is only as good as its last link: never chain to a bundle that does not verify. Its key is
    // not pinned here (it may be an earlier key); the auditor checks each bundle against its expected key.
    const prev = await verifyBundle(options.previous, { allowUnsigned: true, trustBundledKey: true });
    if (!prev.ok) {
      const why = prev.failures.slice(0, 3).map((f) => (f.file ? `${f.file}: ${f.problem}` : f.problem)).join("; ");
      throw new ExportError(`--previous ${options.previous} does not verify (${why}); chain only to an intact bundle`);
    }
  }
  let repos = [...options.repos];
  const token = tokenSource(io.env, options.apiUrl, (owner) => repos.find((r) => r.toLowerCase().startsWith(`${owner.toLowerCase()}/`)) ?? null, io.now);
  const bar = createProgress({ label: "export", stream: (io.progress ?? process.stderr) as NodeJS.WriteStream });
  let stopped = false;
  const progress = { ...bar, stop: () => void (stopped || ((stopped = true), bar.stop())) };
  const say = (line: string) => progress.log(line);
  const client = new GitHubClient({
    apiUrl: options.apiUrl,
    token,
    say,
    ...(io.sleep ? { sleep: io.sleep } : {}),
    ...(io.now ? { now: io.now } : {}),
  });
  const trusted = trustApp(options.appLogin);
  if (!options.appLogin) say("note: comments and check runs of any GitHub App are read as ims-bot's; pass --app-login <slug>[bot] (or IMS_BOT_LOGIN) to trust only ims-bot's");
  try {
    let prelude: RawDocument[] = [];
    if (options.org) {
      const listed = await ownerRepos(client, options.org);
      prelude = listed.raw;
      for (const r of listed.repos) if (!repos.some((x) => x.toLowerCase() === r.toLowerCase())) repos.push(r);
    }
    repos = [...new Set(repos)];
    const period = { from: options.from, to: options.to };
    const { spool } = await Spool.open(options.out, { repos: options.repos, org: options.org, period, apiUrl: options.apiUrl });
    const resumed = repos.filter((r) => spool.isDone(r));
    if (resumed.length) say(`resuming ${spool.dir}: ${resumed.join(", ")} already read`);
    const summaries: RepoSummary[] = [];
    let before = 0;
    for (const repo of repos) {
      if (spool.isDone(repo)) continue;
      say(`reading ${repo}`);
      const rs = await spool.begin(repo);
      try {
        summaries.push(await readRepo({ client, period, onPage: (n) => progress.update(before + n), noOrgConfig: options.noOrgConfig ?? false }, repo, rs));
      } catch (e) {
        await rs.abandon();
        if (e instanceof ExportError) throw new ExportError(`${e.message} [the read so far is kept in ${spool.dir}; run the same command again to resume]`, e.status);
        throw e;
      }
      before += summaries.at(-1)!.incidents + summaries.at(-1)!.problems + summaries.at(-1)!.pulls;
    }
    const configs = await configsOf(spool, repos);
    for (const c of configs) say(describeProvenance(c));
    for (const c of configs) {
      const line = invalidConfigLine(c);
      if (line) say(line);
    }
    const staged = path.join(spool.staging, path.basename(options.out));
    await rm(spool.staging, { recursive: true, force: true });
    await mkdir(spool.staging, { recursive: true });
    const result = await writeBundle(
      { repos, period, apiUrl: options.apiUrl, configs, services: await serviceCataloguesOf(spool, repos), exceptionRules: await exceptionRulesOf(spool, repos), directPushes: await directPushesOf(spool, repos), entries: spoolEntries(spool, repos, options.to, trusted, prelude) },
      {
        out: staged,
        format: options.format,
        signingKey: options.signingKeyPem,
        previous: options.previous,
        catalogue: await exportCatalogue(spool, repos),
        tmpDir: spool.dir,
        ...(io.generatedAt ? { generatedAt: io.generatedAt } : {}),
        onProgress: (p) => progress.update(p.records),
      },
    );
    progress.stop();
    const c = result.manifest.counts;
    const records = c.incidents + c.problems + c.changes + (c.deployments ?? 0) + (c.risks ?? 0);
    if (records === 0 && !options.allowEmpty) {
      await spool.remove();
      throw new ExportError(
        `no incident, problem, change, deployment or risk records in ${repos.join(", ")} between ${options.from} and ${options.to}: nothing written; check --from/--to and that records carry ${KIND_IDS.map(kindLabel).join(", ")} (or change pull requests), or pass --allow-empty to write an empty bundle`,
      );
    }
    await rename(staged, options.out);
    await spool.remove();
    const calls = { rest: client.calls.rest, graphql: client.calls.graphql, total: client.total, graphqlCost: client.graphqlCost, waits: client.waits };
    const report = options.format === "dir" ? path.join(options.out, "report.html") : `report.html inside ${options.out}`;
    out(`exported ${c.incidents} incidents, ${c.problems} problems, ${c.changes} changes, ${c.deployments ?? 0} deployments (${c.evidenceItems} evidence items, ${c.raw} API responses) from ${repos.length} repositories, ${options.from} to ${options.to}\n`);
    out(`bundle: ${options.out} (${result.manifest.signed ? `signed, key ${result.fingerprint}` : "UNSIGNED"}${result.manifest.previous ? ", chained to the previous bundle" : ""}); report: ${report}\n`);
    out(`API calls: ${calls.total} (REST ${calls.rest}, GraphQL ${calls.graphql}, GraphQL cost ${calls.graphqlCost} points); rate-limit waits: ${calls.waits}${resumed.length ? `; resumed ${resumed.length} repositories` : ""}\n`);
    // whoever ran the export holds the key, so here its fingerprint is the one to give auditors (by another channel)
    out(`verify: ims-bot verify ${options.out} ${result.manifest.signed ? `--fingerprint ${result.fingerprint} (give auditors this fingerprint by another channel than the bundle)` : "--allow-unsigned"}\n`);
    return { ...result, out: options.out, repos, resumed, summaries, calls };
  } finally {
    progress.stop();
  }
}
