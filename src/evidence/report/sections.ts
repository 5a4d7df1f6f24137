import { OUR_READING } from "../kinds.js";
import { PRIORITY_KEYS, type Capped, type ChangeRow, type IncidentRow } from "../bundle/stats.js";
import { PRIORITY_COLOURS, slaBar, stackedColumns } from "./charts.js";
import type { ReportData } from "./data.js";
import { html, type Html } from "./html.js";
import { FINGERPRINT_PLACEHOLDER, verifyCommandLine } from "../verify-doc.js";

/** Only web links: a record URL never becomes a `javascript:` or `data:` link. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");

const more = <T>(c: Capped<T>) => (c.total > c.rows.length ? html`<p class="muted">Showing ${c.rows.length} of ${c.total}; all are in records/.</p>` : "");

/** Summary: scope, counts, signature state. */
export function summary(d: ReportData): Html {
  const s = d.stats;
  return html`<h2 id="summary">Summary</h2>
<table class="summary"><tbody>
<tr><th>Period</th><td>${d.period.from} to ${d.period.to}</td></tr>
<tr><th>Repositories</th><td>${d.repos.join(", ") || "none"}</td></tr>
<tr><th>Source</th><td>${d.apiUrl}</td></tr>
<tr><th>Generated</th><td>${d.generatedAt} by ${d.tool.name} ${d.tool.version}</td></tr>
<tr><th>Records</th><td>${s.incidents} incidents, ${s.problems} problems (${s.knownErrors} known errors), ${s.changes} changes; ${d.rawDocuments} raw API responses</td></tr>
<tr><th>Signature</th><td>${d.signed ? html`Ed25519, key fingerprint <code>${d.fingerprint}</code>` : html`<strong>UNSIGNED</strong>`}</td></tr>
${d.previous ? html`<tr><th>Previous bundle</th><td>manifest SHA-256 <code>${d.previous}</code></td></tr>` : ""}
</tbody></table>`;
}

/** SLA compliance per priority, with a bar per clock. */
export function slaSection(d: ReportData): Html {
  const rows = PRIORITY_KEYS.map((p) => {
    const c = d.stats.sla[p];
    return html`<tr><th>${p}</th><td class="num">${c.respond.met}</td><td class="num">${c.respond.breached}</td><td>${slaBar(`${p} respond`, c.respond.met, c.respond.breached)}</td><td class="num">${c.resolve.met}</td><td class="num">${c.resolve.breached}</td><td>${slaBar(`${p} resolve`, c.resolve.met, c.resolve.breached)}</td></tr>`;
  });
  return html`<h2 id="sla">SLA compliance per priority</h2>
<table class="sla"><thead><tr><th>Priority</th><th>Respond met</th><th>Respond breached</th><th>Respond</th><th>Resolve met</th><th>Resolve breached</th><th>Resolve</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Clocks still running at the end of the period, and response clocks of records closed before anyone responded, are not counted.</p>`;
}

/** Every bucket between from and to, so gaps in time show as empty columns. */
export function bucketsOf(d: ReportData): string[] {
  const out: string[] = [];
  const day = d.stats.bucket === "day";
  const end = new Date(d.period.to);
  const t = new Date(d.period.from);
  if (!day) t.setUTCDate(1);
  for (let i = 0; t <= end && i < 1000; i++) {
    out.push(t.toISOString().slice(0, day ? 10 : 7));
    if (day) t.setUTCDate(t.getUTCDate() + 1);
    else t.setUTCMonth(t.getUTCMonth() + 1);
  }
  for (const b of d.stats.byBucket.keys()) if (!out.includes(b)) out.push(b);
  return out.sort();
}

/** Incidents by priority over time. */
export function trendSection(d: ReportData): Html {
  const buckets = bucketsOf(d);
  const value = (b: string, p: string) => d.stats.byBucket.get(b)?.[p as "P1"] ?? 0;
  const legend = PRIORITY_KEYS.map((p) => html`<span><i class="swatch" style="background:${PRIORITY_COLOURS[p]}"></i>${p}</span>`);
  return html`<h2 id="trend">Incidents by priority over time</h2>
${stackedColumns(buckets, PRIORITY_KEYS, value, `Incidents per ${d.stats.bucket} by priority`)}
<p class="legend">${legend}</p>`;
}

function incidentTable(list: Capped<IncidentRow>, cls: string, empty: string): Html {
  if (!list.total) return html`<p class="muted">${empty}</p>`;
  const rows = list.rows.map(
    (r) => html`<tr><td><a href="${safeUrl(r.url)}">${r.ref}</a></td><td>${r.title}</td><td>${r.priority}</td><td>${r.security}</td><td>${r.state}</td><td>${r.createdAt}</td><td>${r.closedAt ?? ""}</td><td class="num">${r.escalations}</td><td>${r.review ? html`${r.review} ${r.reviewCompletedAt ? html`(done ${r.reviewCompletedAt})` : html`<span class="gap">(open)</span>`}` : ""}</td></tr>`,
  );
  return html`<table class="${cls}"><thead><tr><th>Record</th><th>Title</th><th>Priority</th><th>Security</th><th>State</th><th>Opened</th><th>Closed</th><th>Escalations</th><th>Review</th></tr></thead><tbody>${rows}</tbody></table>${more(list)}`;
}

/** Security events and incidents, and how they were handled. */
export function securitySection(d: ReportData): Html {
  return html`<h2 id="security">Security events and incidents</h2>${incidentTable(d.stats.security, "security", "No security events in the period.")}`;
}

/** Major incidents and their post-incident reviews. */
export function majorSection(d: ReportData): Html {
  return html`<h2 id="major">Major incidents and reviews</h2>${incidentTable(d.stats.major, "major", "No major incidents in the period.")}`;
}

/** Changes by type, approvals, emergency changes and their reviews. */
export function changesSection(d: ReportData): Html {
  const types = (["standard", "normal", "emergency"] as const).map((t) => {
    const c = d.stats.changeTypes[t];
    return html`<tr><th>${t}</th><td class="num">${c.total}</td><td class="num">${c.merged}</td><td class="num">${c.approved}</td><td class="num">${c.securityReviewed}</td></tr>`;
  });
  const em = d.stats.emergency.rows.map(
    (r: ChangeRow) => html`<tr><td><a href="${safeUrl(r.url)}">${r.ref}</a></td><td>${r.title}</td><td>${r.risk}</td><td>${r.mergedAt ?? ""}</td><td>${r.approvals}</td><td>${r.review ?? html`<span class="gap">none</span>`}</td><td>${r.reviewCompletedAt ?? html`<span class="gap">not done</span>`}</td></tr>`,
  );
  return html`<h2 id="changes">Changes by type</h2>
<table class="changes"><thead><tr><th>Type</th><th>Changes</th><th>Merged</th><th>Approved</th><th>Security reviewed</th></tr></thead><tbody>${types}</tbody></table>
<h3>Emergency changes and their reviews</h3>
${d.stats.emergency.total ? html`<table class="emergency"><thead><tr><th>Change</th><th>Title</th><th>Risk</th><th>Merged</th><th>Approved by</th><th>Review record</th><th>Review done</th></tr></thead><tbody>${em}</tbody></table>${more(d.stats.emergency)}` : html`<p class="muted">No emergency changes in the period.</p>`}`;
}

/** Control coverage of all three catalogues; 20000-1 labelled as our reading. */
export function controlsSection(d: ReportData): Html {
  const groups = (["iso27001-2013", "iso27001-2022", "iso20000-1-2018"] as const).map((cat) => {
    const info = d.catalogues[cat];
    const rows = d.coverage
      .filter((c) => c.catalogue === cat)
      .map(
        (c) => html`<tr><td>${c.id}</td><td>${c.title}</td><td>${c.supportedBy.join(", ")}</td><td class="num">${c.count}</td><td>${c.gap ? html`<span class="gap">gap</span>` : "covered"}</td></tr>`,
      );
    const label = info.basis === "our-reading" ? html` <span class="muted">(correspondence: ${OUR_READING})</span>` : "";
    return html`<h3>${info.title}${label}</h3><table class="controls" data-catalogue="${cat}"><thead><tr><th>Control</th><th>Title</th><th>Evidence kinds</th><th>Items</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  const gaps = d.coverage.filter((c) => c.gap).length;
  return html`<h2 id="controls">Control coverage</h2><p>${d.coverage.length - gaps} of ${d.coverage.length} controls have evidence in the period; ${gaps} gaps. A gap means no app-collected evidence, not that the control failed.</p>${groups}`;
}

/** How to verify the bundle. */
export function verifySection(d: ReportData): Html {
  return html`<h2 id="verify">How to verify this bundle</h2>
<p>With ims-bot: <code>${verifyCommandLine(d.fingerprint !== null)}</code>${d.fingerprint ? html`, where <code>${FINGERPRINT_PLACEHOLDER}</code> is the fingerprint the key's owner gave you by another channel (the one this bundle states proves nothing by itself)` : ""}. It exits 0 only when every hash, the file list, the signature and (with <code>--previous</code>) the chain hold.</p>
<p>With sha256sum and OpenSSL 3 alone, in the extracted folder (see VERIFY.md):</p><pre>${d.verifyCommands}</pre>`;
}
