import { CHANGE_CHECK_NAME } from "../../change/facts.js";
import { serviceReportData, type RepoCatalogue, type ReportChange, type ReportIncident, type ReportProblem, type ServiceReportData } from "../../services/report-data.js";
import type { AnyRecord, ChangeRecord } from "../types.js";

/** The change gate's last result on the pull request passed (the check the merge waited for). */
function gatePassed(c: ChangeRecord): boolean {
  const runs = c.checkRuns.filter((r) => r.name === CHANGE_CHECK_NAME && r.completedAt).sort((a, b) => Date.parse(a.completedAt!) - Date.parse(b.completedAt!));
  return runs.at(-1)?.conclusion === "success";
}

/** Keeps what the service report reads of each record as the bundle streams them (small: no timelines, no traces). */
export class ServiceReportCollector {
  readonly incidents: ReportIncident[] = [];
  readonly problems: ReportProblem[] = [];
  readonly changes: ReportChange[] = [];

  add(r: AnyRecord): void {
    if (r.kind === "incident") {
      this.incidents.push({
        repo: r.repo,
        number: r.number,
        url: r.url,
        service: r.service,
        priority: r.priority,
        createdAt: r.createdAt,
        closedAt: r.closedAt,
        sla: r.sla.map((c) => ({ clock: c.clock, status: c.status, at: c.at, ...(c.start ? { start: c.start } : {}), ...(c.respondedAt !== undefined ? { respondedAt: c.respondedAt } : {}) })),
        outages: r.outages ?? [],
      });
    } else if (r.kind === "problem") {
      this.problems.push({ repo: r.repo, number: r.number, url: r.url, service: r.service, createdAt: r.createdAt, closedAt: r.closedAt, knownError: r.knownError });
    } else if (r.kind === "change") {
      this.changes.push({ repo: r.repo, number: r.number, url: r.url, type: r.type, state: r.state, createdAt: r.createdAt, mergedAt: r.mergedAt, gatePassed: gatePassed(r), files: r.files ?? [] });
    }
  }

  data(period: { from: string; to: string }, catalogues: RepoCatalogue[]): ServiceReportData {
    return serviceReportData({ period, catalogues, incidents: this.incidents, problems: this.problems, changes: this.changes });
  }
}
