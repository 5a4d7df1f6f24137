import { createHash } from "node:crypto";
import { createIssueOnce } from "../github/create-once.js";
import { ensureLabels } from "../github/labels.js";
import { closedBy, editIssueBody, listImprovements, listServiceReports, SERVICE_REPORT_LABEL } from "../github/service-report-issues.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { kindLabel } from "../records/kinds.js";
import { serviceKey } from "../services/catalogue.js";
import { improvementStatuses, improvementsToOpen, periodKey, reportMarker, type ImprovementStatus } from "../services/improvements.js";
import type { ServiceReportData } from "../services/report-data.js";

/** What `--post` did: the report issue, and the improvement records it opened. */
export interface PostResult {
  report: { number: number; created: boolean; edited: boolean };
  opened: Array<{ service: string; number: number }>;
  /** Earlier improvement records and what became of them, as the report lists them. */
  earlier: ImprovementStatus[];
  /** This period's improvement records (opened now or by an earlier run). */
  current: Array<{ service: string; number: number }>;
}

/**
 * Which issues the poster trusts as its own: only a bot account wrote them (a person cannot post as
 * one), and when the poster's logins are known, only those (`ims-bot[bot]` or its slug). A person's
 * issue that copies the marker (`ims:improvement` with `<!-- ims-improvement ... -->`) neither counts
 * as the record nor stops the real one from being opened.
 */
export function postedByApp(logins: readonly string[] | null): (i: { user?: { login?: string; type?: string } | null }) => boolean {
  const slug = (login: string) => login.toLowerCase().replace(/\[bot\]$/, "");
  const allowed = logins ? new Set(logins.map(slug)) : null;
  return (i) => i.user?.type === "Bot" && (allowed === null || allowed.has(slug(i.user.login ?? "")));
}

const HASH = (body: string) => `<!-- ims-report-hash ${createHash("sha256").update(body).digest("hex").slice(0, 16)} -->`;

/**
 * Posts the service report of a period as an `ims:service-report` issue (edited in place for the same
 * period, found by its marker; nothing written when its content is unchanged) and opens one
 * `ims:improvement` record per service that missed a target, linked to the report (20000-1 10.2).
 * Running it again for the same period writes nothing.
 */
export async function postServiceReport(
  octokit: Octokit,
  r: RepoRef,
  data: ServiceReportData,
  render: (earlier: ImprovementStatus[], current: Array<{ service: string; number: number }>) => string,
  posters: readonly string[] | null = null,
): Promise<PostResult> {
  const ours = postedByApp(posters);
  const improvementsOf = async () => (await listImprovements(octokit, r)).filter(ours);
  const reportsOf = async () => (await listServiceReports(octokit, r)).filter(ours);
  await ensureLabels(octokit, r, [SERVICE_REPORT_LABEL, kindLabel("improvement")]);
  const names = new Map(data.services.map((s) => [serviceKey(s.service), s.service]));
  const period = periodKey(data.period);
  const improvements = await improvementsOf();
  const earlier = improvementStatuses(improvements, names, period);
  for (const e of earlier) if (e.state === "closed") e.closedBy = await closedBy(octokit, r, e.number);
  const marker = reportMarker(data.period);
  const ofPeriod = (list: typeof improvements) =>
    data.services.flatMap((s) => {
      const found = list.filter((i) => i.body?.includes(`service=${encodeURIComponent(serviceKey(s.service))} period=${period}`)).sort((a, b) => a.number - b.number)[0];
      return found ? [{ service: s.service, number: found.number }] : [];
    });
  let current = ofPeriod(improvements);
  const bodyOf = () => {
    const text = `${marker}\n${render(earlier, current)}`;
    return `${text}\n${HASH(text)}`;
  };
  const title = `Service report ${period.replace("..", " to ")}`;
  const findReport = async () => (await reportsOf()).filter((i) => i.body?.includes(marker)).sort((a, b) => a.number - b.number)[0] ?? null;
  let report = await findReport();
  let created = false;
  if (!report) {
    const made = await createIssueOnce(octokit, r, { title, body: bodyOf(), labels: [SERVICE_REPORT_LABEL] }, {
      listAgain: async () => (await reportsOf()).filter((i) => i.body?.includes(marker)).map((i) => i.number),
      duplicateNote: (kept) => `Duplicate of #${kept}: one service report per period.`,
    });
    created = !made.duplicate;
    report = await findReport();
    if (!report) throw new Error(`the service report issue #${made.kept} could not be read back; run again`);
  }
  const opened: PostResult["opened"] = [];
  const existing = new Set(improvements.flatMap((i) => (i.body ? [i.body] : [])).flatMap((b) => b.match(/<!-- ims-improvement [^>]*-->/g) ?? []));
  for (const todo of improvementsToOpen(data, { number: report.number, url: report.html_url }, existing)) {
    const made = await createIssueOnce(octokit, r, { title: todo.title, body: todo.body, labels: [kindLabel("improvement")] }, {
      listAgain: async () => (await improvementsOf()).filter((i) => i.body?.includes(todo.marker)).map((i) => i.number),
      duplicateNote: (kept) => `Duplicate of #${kept}: one improvement record per service and period.`,
    });
    if (!made.duplicate) opened.push({ service: todo.service, number: made.kept });
  }
  if (opened.length) current = ofPeriod(await improvementsOf());
  const body = bodyOf();
  const edited = (report.body ?? "") !== body;
  if (edited) await editIssueBody(octokit, r, report.number, body);
  return { report: { number: report.number, created, edited: edited && !created }, opened, earlier, current };
}
