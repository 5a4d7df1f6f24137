import type { ServiceReportData, ServiceSection } from "./report-data.js";
import { serviceKey } from "./catalogue.js";

/** An earlier improvement record, as the next report lists it (20000-1 10.2). */
export interface ImprovementStatus {
  number: number;
  url: string;
  service: string;
  /** `2026-03-01..2026-03-31`. */
  period: string;
  state: "open" | "closed";
  closedAt: string | null;
  closedBy: string | null;
}

/** The period as markers and titles write it: the dates of `from` and `to`. */
export const periodKey = (p: { from: string; to: string }) => `${p.from.slice(0, 10)}..${p.to.slice(0, 10)}`;

/** Hidden marker of the service report issue of one period (edited in place for that period). */
export const reportMarker = (p: { from: string; to: string }) => `<!-- ims-service-report period=${periodKey(p)} -->`;

/** Hidden marker of the improvement record of one service and period: at most one each. */
export const improvementMarker = (service: string, p: { from: string; to: string } | string) =>
  `<!-- ims-improvement service=${encodeURIComponent(serviceKey(service))} period=${typeof p === "string" ? p : periodKey(p)} -->`;

const IMPROVEMENT = /<!-- ims-improvement service=(\S+) period=(\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}) -->/;
const REPORT = /<!-- ims-service-report period=(\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}) -->/;

/** The service and period an improvement record's body names; null when it carries no marker. */
export function parseImprovementMarker(body: string | null | undefined): { serviceKey: string; period: string } | null {
  const m = body ? IMPROVEMENT.exec(body) : null;
  if (!m) return null;
  try {
    return { serviceKey: decodeURIComponent(m[1]!), period: m[2]! };
  } catch {
    return null;
  }
}

/** The period a service report issue's body names; null when it is not one. */
export function parseReportMarker(body: string | null | undefined): string | null {
  return (body && REPORT.exec(body)?.[1]) ?? null;
}

/** An improvement record to open: one per service with a missed target, per period. */
export interface ImprovementToOpen {
  service: string;
  marker: string;
  title: string;
  body: string;
}

/**
 * The improvement records a report needs that do not exist yet (pure): one per service that missed
 * a target in the period, linked to the report issue. `existing` are the markers already on GitHub.
 */
export function improvementsToOpen(d: ServiceReportData, reportRef: { number: number; url: string }, existing: ReadonlySet<string>): ImprovementToOpen[] {
  return d.services
    .filter((s) => s.known && s.missed.length > 0)
    .map((s) => ({ s, marker: improvementMarker(s.service, d.period) }))
    .filter(({ marker }) => !existing.has(marker))
    .map(({ s, marker }) => ({ service: s.service, marker, title: `[Improvement] ${s.service}: targets missed ${periodKey(d.period).replace("..", " to ")}`, body: improvementBody(s, d, reportRef, marker) }));
}

function improvementBody(s: ServiceSection, d: ServiceReportData, ref: { number: number; url: string }, marker: string): string {
  return [
    marker,
    `The service report #${ref.number} for ${periodKey(d.period).replace("..", " to ")} shows that **${s.service}** missed its targets:`,
    "",
    ...s.missed.map((m) => `- ${m}`),
    "",
    "ISO/IEC 20000-1:2018 10.2 (continual improvement): record the cause, the action agreed and its owner here, and close this record when the action is done. The next service report lists what became of it.",
    "",
    `Service owner: ${s.known?.owner ? `\`${s.known.owner}\`` : "not set"}.`,
  ].join("\n");
}

/** Earlier improvement records as the report lists them, oldest first; this period's own are left out. */
export function improvementStatuses(
  issues: ReadonlyArray<{ number: number; html_url: string; state: string; body?: string | null | undefined; closed_at: string | null; closed_by?: { login: string } | null }>,
  names: ReadonlyMap<string, string>,
  current: string,
): ImprovementStatus[] {
  const out: ImprovementStatus[] = [];
  for (const i of issues) {
    const m = parseImprovementMarker(i.body);
    if (!m || m.period === current) continue;
    out.push({ number: i.number, url: i.html_url, service: names.get(m.serviceKey) ?? m.serviceKey, period: m.period, state: i.state === "closed" ? "closed" : "open", closedAt: i.closed_at, closedBy: i.closed_by?.login ?? null });
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || a.number - b.number);
}
