import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ProbotOctokit } from "probot";
import { SERVICE_REPORT_JSON } from "../evidence/bundle/write.js";
import { tokenSource } from "../evidence/export/auth.js";
import { ExportError } from "../evidence/export/errors.js";
import { runExport } from "../evidence/export/run.js";
import { renderServiceReportHtml, renderServiceReportMarkdown } from "../evidence/report/service-report.js";
import { postServiceReport } from "../flows/service-report-post.js";
import { formatPercent } from "../services/availability.js";
import type { ImprovementStatus } from "../services/improvements.js";
import type { ServiceReportData } from "../services/report-data.js";
import { parseExportOptions } from "./export-options.js";
import { UsageError, type CliIo } from "./usage-error.js";

/** `ims-bot report` flags as commander parsed them. */
export interface ReportFlags {
  repo: string[];
  org?: string;
  from?: string;
  to?: string;
  /** The HTML file to write. */
  out?: string;
  /** The Markdown file to write (without it and without --out, the Markdown goes to stdout). */
  markdown?: string;
  apiUrl?: string;
  orgConfig?: boolean;
  appLogin?: string;
  /** Post to this repository (`true`: the first --repo). */
  post?: string | boolean;
}

/** Appended to the Markdown of a posted report: this period's improvement records. */
function currentLines(current: Array<{ service: string; number: number }>): string {
  if (!current.length) return "";
  return `\n\n### Improvement records opened for this period\n\n${current.map((c) => `- #${c.number} ${c.service}`).join("\n")}`;
}

/**
 * `ims-bot report --repo o/r --from D --to D [--out report.html] [--markdown report.md] [--post]`:
 * reads the period exactly as `ims-bot export` does (same credentials, same GraphQL reader, same
 * normalised records; into a temporary unsigned bundle), renders the service report per service,
 * and with --post puts it on GitHub as an `ims:service-report` issue with improvement records.
 */
export async function reportCommand(flags: ReportFlags, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "ims-report-"));
  try {
    const options = parseExportOptions({ ...flags, out: path.join(tmp, "bundle"), format: "dir", unsigned: true, allowEmpty: true }, io.env);
    const postTo = flags.post === undefined || flags.post === false ? null : flags.post === true ? (options.repos[0] ?? null) : flags.post;
    if (flags.post !== undefined && flags.post !== false && !postTo) throw new UsageError("--post needs a repository: --post owner/name, or a --repo");
    if (postTo && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(postTo)) throw new UsageError(`--post must be owner/name (got \`${postTo}\`)`);
    await runExport(options, { env: io.env, out: () => undefined, ...(io.progress ? { progress: io.progress } : {}), now });
    const data = JSON.parse(await readFile(path.join(options.out, SERVICE_REPORT_JSON), "utf8")) as ServiceReportData;
    for (const w of data.warnings) io.err(`warning: invalid config, judged by the built-in defaults (no services): ${w}\n`);
    // fail closed: a report missing a repository's services would open no improvement record for them
    if (postTo && data.warnings.length) throw new ExportError(`not posted: ${data.warnings.length} config(s) are invalid, so the report would leave out their services; fix .github/ims.yml (the IMS / config check says where) and run again`);
    let earlier: ImprovementStatus[] | undefined;
    let extra = "";
    if (postTo) {
      const [owner = "", repo = ""] = postTo.split("/");
      let tokens;
      try {
        tokens = tokenSource(io.env, options.apiUrl, (o) => (o.toLowerCase() === owner.toLowerCase() ? postTo : null), now);
      } catch (error) {
        if (error instanceof ExportError) throw new UsageError(error.message);
        throw error;
      }
      const throttle = io.env.IMS_THROTTLE === "off" ? { throttle: { enabled: false }, retry: { enabled: false } } : {};
      const octokit = new ProbotOctokit({ auth: { token: await tokens(owner) }, baseUrl: options.apiUrl, ...throttle }) as InstanceType<typeof ProbotOctokit>;
      // who posts: the app when its token is minted from APP_ID; with GITHUB_TOKEN a workflow's token
      // (github-actions[bot]) or the app's token handed over by the workflow template
      const viaToken = Boolean(io.env.GITHUB_TOKEN?.trim() || io.env.GH_TOKEN?.trim());
      const posters = options.appLogin ? (viaToken ? [options.appLogin, "github-actions"] : [options.appLogin]) : null;
      const result = await postServiceReport(octokit, { owner, repo }, data, (e, current) => renderServiceReportMarkdown(data, e) + currentLines(current), posters);
      earlier = result.earlier;
      extra = currentLines(result.current);
      const what = result.report.created ? "created" : result.report.edited ? "updated" : "unchanged";
      io.out(`service report: ${postTo}#${result.report.number} (${what}); improvement records opened: ${result.opened.length ? result.opened.map((o) => `#${o.number} ${o.service}`).join(", ") : "none"}\n`);
    }
    const markdown = renderServiceReportMarkdown(data, earlier) + extra;
    if (flags.out) await writeFile(flags.out, renderServiceReportHtml(data, { generatedAt: now().toISOString(), ...(earlier ? { improvements: earlier } : {}) }));
    if (flags.markdown) await writeFile(flags.markdown, markdown + "\n");
    if (!flags.out && !flags.markdown && !postTo) io.out(markdown + "\n");
    for (const s of data.services) {
      const a = s.availability;
      io.out(`${s.service}: ${a ? `availability ${formatPercent(a.percent)} (target ${a.target ?? "none"}%)` : "no availability (not a catalogue service)"}; ${s.incidents.total} incidents; targets missed: ${s.missed.length ? s.missed.join("; ") : "none"}\n`);
    }
    return 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
