import { PRIORITIES } from "../../config/schema.js";
import { formatPercent } from "../../services/availability.js";
import { formatCompliance, formatMinutes, formatShare } from "../../services/format.js";
import type { ImprovementStatus } from "../../services/improvements.js";
import { AGE_BUCKETS, type ServiceReportData, type ServiceSection } from "../../services/report-data.js";
import { PRIORITY_COLOURS, slaBar } from "./charts.js";
import { Html, html } from "./html.js";
import { reportPage } from "./page.js";

/** Named limit: room left in an issue body (65,536) for the marker, hash and this period's improvements. */
export const MARKDOWN_MAX = 60_000;

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");
const mdText = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);

/** Achieved availability against the target on one bar (the scale starts at the lower of the two minus a margin). */
export function availabilityBar(name: string, percent: number | null, target: number | null, width = 240): Html {
  if (percent === null) return html`<span class="muted">no agreed service time</span>`;
  const low = Math.max(0, Math.floor(Math.min(percent, target ?? percent) - 1));
  const x = (p: number) => ((p - low) / (100 - low)) * width;
  const colour = target === null || percent >= target ? "#15803d" : "#b91c1c";
  return html`<svg class="bar" role="img" width="${width + 10}" height="26" viewBox="0 0 ${width + 10} 26" xmlns="http://www.w3.org/2000/svg"><title>${name}: ${formatPercent(percent)} available${target !== null ? `, target ${target}%` : ""} (scale ${low}% to 100%)</title><rect x="0" y="4" width="${width}" height="14" fill="#e5e7eb"/><rect x="0" y="4" width="${x(percent).toFixed(1)}" height="14" fill="${colour}"/>${
    target !== null ? html`<line x1="${x(target).toFixed(1)}" y1="0" x2="${x(target).toFixed(1)}" y2="22" stroke="#111827" stroke-width="2"/>` : ""
  }<text x="0" y="26" font-size="9">${low}%</text></svg>`;
}

/** Incidents by priority as one stacked bar. */
function priorityBar(s: ServiceSection, width = 200): Html {
  const total = s.incidents.total;
  if (!total) return html`<span class="muted">none</span>`;
  let x = 0;
  const rects = [...PRIORITIES, "none" as const].map((p) => {
    const n = s.incidents.byPriority[p];
    const w = (n / total) * width;
    const r = n ? html`<rect x="${x.toFixed(1)}" y="2" width="${w.toFixed(1)}" height="14" fill="${PRIORITY_COLOURS[p] ?? "#6b7280"}"><title>${p}: ${n}</title></rect>` : "";
    x += w;
    return r;
  });
  return html`<svg class="bar" role="img" width="${width}" height="18" viewBox="0 0 ${width} 18" xmlns="http://www.w3.org/2000/svg"><title>${s.service}: incidents by priority</title>${rects}</svg>`;
}

function serviceHtml(s: ServiceSection): Html {
  const a = s.availability;
  const k = s.known;
  const p = s.incidents.byPriority;
  const c = s.changes;
  return html`<section class="service" id="service-${s.service.replace(/[^A-Za-z0-9_-]/g, "-")}">
<h2>${s.service}</h2>
${k ? html`<p class="muted">Owner ${k.owner ?? "not set"} · resolver ${k.resolver} · criticality ${k.criticality ?? "not set"} · service hours: ${s.calendar} calendar</p>` : html`<p class="muted">Records that name no service of the catalogue (times on the ${s.calendar} calendar).</p>`}
<table><tbody>
<tr><th>Availability</th><td>${a ? html`${formatPercent(a.percent)} against a target of ${a.target === null ? "none" : `${a.target}%`} ${a.met === false ? html`<strong class="bad">missed</strong>` : a.met ? "met" : ""}<br>${availabilityBar(s.service, a.percent, a.target)}<br><span class="muted">${Math.round(a.outageMinutes)} min outage in ${Math.round(a.agreedMinutes)} min of agreed service time (${a.merged.length} outage window${a.merged.length === 1 ? "" : "s"} after merging ${a.reports} report${a.reports === 1 ? "" : "s"})</span>` : "n/a (not a catalogue service)"}</td></tr>
<tr><th>SLA: respond</th><td>${formatCompliance(s.sla.respond)} ${slaBar(`${s.service} respond`, s.sla.respond.met, s.sla.respond.breached)}</td></tr>
<tr><th>SLA: resolve</th><td>${formatCompliance(s.sla.resolve)} ${slaBar(`${s.service} resolve`, s.sla.resolve.met, s.sla.resolve.breached)}</td></tr>
<tr><th>MTTA / MTTR</th><td>${formatMinutes(s.mttaMinutes)} / ${formatMinutes(s.mttrMinutes)} <span class="muted">(in ${s.calendar} calendar hours; MTTR opened to closed, waiting time included)</span></td></tr>
<tr><th>Incidents opened</th><td>${s.incidents.total}: ${PRIORITIES.map((x) => `${x} ${p[x]}`).join(", ")}, no priority ${p.none} ${priorityBar(s)}</td></tr>
<tr><th>Backlog at period end</th><td>${s.incidents.open} open: ${AGE_BUCKETS.map((b) => `${b} ${s.incidents.backlogAge[b]}`).join(", ")}</td></tr>
<tr><th>Problems</th><td>${s.problems.opened} opened, ${s.problems.closed} closed, ${s.problems.knownErrors} known errors</td></tr>
<tr><th>Changes</th><td>standard ${c.byType.standard}, normal ${c.byType.normal}, emergency ${c.byType.emergency}; success rate ${formatShare(c.successRate)} (${c.succeeded} of ${c.completed} merged with a passing gate); emergency share ${formatShare(c.emergencyShare)}</td></tr>
<tr><th>DORA four keys</th><td>${s.dora ? html`deployment frequency ${s.dora.deploymentFrequency ?? "n/a"} a week, lead time ${s.dora.leadTimeHours ?? "n/a"} h, change failure rate ${formatShare(s.dora.changeFailureRate)}, time to restore ${s.dora.timeToRestoreHours ?? "n/a"} h` : html`<span class="muted">no production deployment of this service's changes recorded (per repository: records/dora.json)</span>`}</td></tr>
<tr><th>Targets missed</th><td>${s.missed.length ? s.missed.join("; ") : "none"}</td></tr>
</tbody></table>
${s.incidentLinks.length ? html`<details><summary>Incidents (${s.incidentLinks.length})</summary><p>${s.incidentLinks.map((l, i) => html`${i ? ", " : ""}<a href="${safeUrl(l.url)}">${l.ref}</a>`)}</p></details>` : ""}
</section>`;
}

function improvementsHtml(list: readonly ImprovementStatus[] | undefined): Html {
  if (!list) return html``;
  const rows = list.map((i) => html`<tr><td><a href="${safeUrl(i.url)}">#${i.number}</a></td><td>${i.service}</td><td>${i.period}</td><td>${i.state === "closed" ? `closed ${i.closedAt?.slice(0, 10) ?? ""} by ${i.closedBy ?? "unknown"}` : "open"}</td></tr>`);
  return html`<h2 id="improvements">Earlier improvement records (20000-1 10.2)</h2>
${list.length ? html`<table><thead><tr><th>Record</th><th>Service</th><th>Period</th><th>State</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>None.</p>`}`;
}

/** reports/service-report.html: self-contained (no requests), every text escaped. */
export function renderServiceReportHtml(d: ServiceReportData, meta: { generatedAt: string; improvements?: readonly ImprovementStatus[] }): string {
  return reportPage(
    `Service report ${d.period.from} to ${d.period.to}`,
    html`<h1>Service report</h1>
<p class="muted">${d.repos.join(", ")}: ${d.period.from} to ${d.period.to}, generated ${meta.generatedAt}. ISO/IEC 20000-1:2018 9.4 and 8.3.3 (service reporting), 8.7.1 (availability). Each service is measured on its own; figures are never averaged across services.</p>
${d.warnings.length ? html`<div class="banner" id="config-warnings"><strong>Incomplete:</strong> these configs are invalid, so their repositories were judged by the built-in defaults (no services):<ul>${d.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ""}
${d.services.length ? d.services.map(serviceHtml) : html`<p>No services in the catalogue and no records in the period.</p>`}
${improvementsHtml(meta.improvements)}`,
  );
}

/** The report as Markdown (the body of the `ims:service-report` issue). */
export function renderServiceReportMarkdown(d: ServiceReportData, improvements?: readonly ImprovementStatus[]): string {
  const out: string[] = [`## Service report ${d.period.from.slice(0, 10)} to ${d.period.to.slice(0, 10)}`, "", `Repositories: ${d.repos.map(mdText).join(", ")}. Each service is measured on its own (20000-1 9.4, 8.7.1); MTTA and MTTR are counted in each service's calendar hours.`, ""];
  if (d.warnings.length) out.push("> [!WARNING]", "> Incomplete: these configs are invalid, so their repositories were judged by the built-in defaults (no services):", ...d.warnings.map((w) => `> - ${mdText(w)}`), "");
  out.push("| service | availability (target) | respond | resolve | MTTA | MTTR | incidents | open | problems opened/closed | known errors | changes S/N/E | change success | emergency share | targets missed |");
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of d.services) {
    const a = s.availability;
    const avail = a ? `${formatPercent(a.percent)} (${a.target === null ? "none" : `${a.target}%`})${a.met === false ? " ❌" : a.met ? " ✅" : ""}` : "n/a";
    const c = s.changes;
    out.push(
      `| ${mdText(s.service)} | ${avail} | ${formatCompliance(s.sla.respond)} | ${formatCompliance(s.sla.resolve)} | ${formatMinutes(s.mttaMinutes)} (${mdText(s.calendar)}) | ${formatMinutes(s.mttrMinutes)} | ${s.incidents.total} (${PRIORITIES.map((p) => `${p}:${s.incidents.byPriority[p]}`).join(" ")}) | ${s.incidents.open} | ${s.problems.opened}/${s.problems.closed} | ${s.problems.knownErrors} | ${c.byType.standard}/${c.byType.normal}/${c.byType.emergency} | ${formatShare(c.successRate)} | ${formatShare(c.emergencyShare)} | ${s.missed.length ? mdText(s.missed.join("; ")) : "none"} |`,
    );
  }
  if (improvements) {
    out.push("", "### Earlier improvement records", "");
    if (!improvements.length) out.push("None.");
    for (const i of improvements) out.push(`- #${i.number} ${mdText(i.service)} (${mdText(i.period)}): ${i.state === "closed" ? `closed ${i.closedAt?.slice(0, 10) ?? ""} by @${i.closedBy ?? "unknown"}` : "open"}`);
  }
  out.push("", "_Change success: merged with a passing `IMS / change control` gate; changes are assigned to services by their `paths` and `repositories`. Backlog: incidents open at the period end. DORA's four keys appear per service where its production deployments are recorded._");
  const text = out.join("\n");
  // an issue body holds at most 65,536 characters: the full report is in the HTML and the bundle
  return text.length > MARKDOWN_MAX ? `${text.slice(0, MARKDOWN_MAX)}\n\n_(cut: GitHub limits an issue body to 65,536 characters; the HTML report has every service)_` : text;
}
