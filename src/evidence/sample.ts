import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { AnyRecord } from "./types.js";
import { openBundle } from "./reader/open.js";
import { csvLine } from "./bundle/csv.js";
import { html } from "./report/html.js";
import { reportPage } from "./report/page.js";
import { recordAnchor } from "./report/when.js";

/** The populations `ims-bot sample` draws from, one entry per record kind (risks, vulnerabilities: one line each). */
export const POPULATIONS = { changes: "change", incidents: "incident", problems: "problem", deployments: "deployment", risks: "risk", vulnerabilities: "vulnerability" } as const satisfies Record<string, AnyRecord["kind"]>;
export type Population = keyof typeof POPULATIONS;

/** The method, in words an auditor can follow by hand. */
export const SAMPLE_METHOD =
  "Each record of the population has the id <kind>/<owner>/<repo>#<number> (its file is records/<kind>/<owner>/<repo>/<number>.json). " +
  "Its key is the SHA-256 (lowercase hex) of the text <seed>:<id>. Records are sorted by key, ascending, and the first N are the sample.";

export interface SampledRecord {
  rank: number;
  id: string;
  key: string;
  file: string;
  repo: string;
  number: number;
  title: string;
  url: string;
}

export interface Sample {
  population: Population;
  seed: string;
  size: number;
  populationSize: number;
  method: string;
  rows: SampledRecord[];
  /** A shell line that redraws the sample from the extracted bundle with sha256sum alone. */
  redraw: string;
}

const FILE = /^records\/([a-z-]+)\/([^/]+)\/([^/]+)\/(\d+)\.json$/;

/** The sample key of a record id: SHA-256 of `<seed>:<id>`. */
export function sampleKey(seed: string, id: string): string {
  return createHash("sha256").update(`${seed}:${id}`, "utf8").digest("hex");
}

/** Draws a reproducible sample from a bundle (folder or .zip): no random number generator, only SHA-256. */
export async function drawSample(bundle: string, population: Population, size: number, seed: string): Promise<Sample> {
  const kind = POPULATIONS[population];
  const b = await openBundle(bundle);
  try {
    if (!b.paths.includes("manifest.json")) throw new Error(`${bundle}: no manifest.json; is this an ims-bot evidence bundle?`);
    const members = b.paths.flatMap((p) => {
      const m = FILE.exec(p);
      return m && m[1] === kind ? [{ file: p, repo: `${m[2]}/${m[3]}`, number: Number(m[4]), id: `${kind}/${m[2]}/${m[3]}#${m[4]}` }] : [];
    });
    if (!members.length && !b.paths.some((p) => p.startsWith("records/") && FILE.test(p))) {
      throw new Error(`${bundle}: no per-record files (records/<kind>/...); the bundle predates sampling, export it again`);
    }
    const ranked = members.map((m) => ({ ...m, key: sampleKey(seed, m.id) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const rows: SampledRecord[] = [];
    for (const [i, m] of ranked.slice(0, size).entries()) {
      const r = JSON.parse((await b.read(m.file)).toString("utf8")) as { title?: string; url?: string; environment?: string; sha?: string };
      rows.push({ rank: i + 1, id: m.id, key: m.key, file: m.file, repo: m.repo, number: m.number, title: r.title ?? (r.environment ? `${r.environment} ${String(r.sha ?? "").slice(0, 7)}` : ""), url: r.url ?? "" });
    }
    const q = (t: string) => `'${t.replace(/'/g, `'\\''`)}'`;
    const redraw = `for f in records/${kind}/*/*/*.json; do n=\${f#records/${kind}/}; n=\${n%.json}; id="${kind}/\${n%/*}#\${n##*/}"; printf '%s %s\\n' "$(printf '%s' ${q(seed)}":$id" | sha256sum | cut -c1-64)" "$id"; done | LC_ALL=C sort | head -n ${size}`;
    return { population, seed, size, populationSize: members.length, method: SAMPLE_METHOD, rows, redraw };
  } finally {
    await b.close();
  }
}

/** The sample's CSV: rank, record id, key, file, repository, number, title, URL. */
export function sampleCsv(s: Sample): string {
  return csvLine(["rank", "record", "sha256_key", "file", "repo", "number", "title", "url"]) + s.rows.map((r) => csvLine([r.rank, r.id, r.key, r.file, r.repo, r.number, r.title, r.url])).join("");
}

/** The sample's HTML page; `bundleHref` is the bundle folder relative to the page (null for a .zip: files named, not linked). */
export function sampleHtml(s: Sample, bundleHref: string | null): string {
  const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");
  const rows = s.rows.map(
    (r) => html`<tr><td class="num">${r.rank}</td><td><a href="${safeUrl(r.url)}">${r.id}</a></td><td>${r.title}</td><td>${bundleHref ? html`<a href="${bundleHref}/${r.file}">${r.file}</a> · <a href="${bundleHref}/report.html#${recordAnchor({ kind: POPULATIONS[s.population], repo: r.repo, number: r.number })}">report</a>` : r.file}</td><td><code>${r.key}</code></td></tr>`,
  );
  return reportPage(
    `Sample of ${s.population}, seed ${s.seed}`,
    html`<h1>Sample of ${s.population}</h1>
<p>${s.rows.length} of ${s.populationSize} records, seed <code>${s.seed}</code>.</p>
<h2>Method</h2><p>${s.method}</p><p>To redraw it by hand in the extracted bundle:</p><pre>${s.redraw}</pre>
<table class="sample"><thead><tr><th>Rank</th><th>Record</th><th>Title</th><th>In the bundle</th><th>Key (SHA-256)</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** Writes `<bundle>.sample-<population>-<seed>.csv` and `.html` into `outDir`; never overwrites. */
export async function writeSample(bundle: string, s: Sample, outDir: string, bundleIsDir: boolean): Promise<{ csv: string; html: string }> {
  const slug = s.seed.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60);
  const base = path.join(outDir, `${path.basename(bundle).replace(/\.zip$/i, "")}.sample-${s.population}-${slug}`);
  const href = bundleIsDir ? path.relative(outDir, path.resolve(bundle)).split(path.sep).map(encodeURIComponent).join("/") || "." : null;
  const files = { csv: `${base}.csv`, html: `${base}.html` };
  for (const [f, text] of [[files.csv, sampleCsv(s)], [files.html, sampleHtml(s, href)]] as const) {
    try {
      await writeFile(f, text, { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`${f} already exists; choose another --out folder (a sample is never overwritten)`);
      throw e;
    }
  }
  return files;
}
