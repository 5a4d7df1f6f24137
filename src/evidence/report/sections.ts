import { OUR_READING } from "../kinds.js";
import { PRIORITY_KEYS, type Capped, type ChangeRow, type IncidentRow } from "../bundle/stats.js";
import { PRIORITY_COLOURS, slaBar, stackedColumns } from "./charts.js";
import type { ReportData } from "./data.js";
import { html, type Html } from "./html.js";
import { FINGERPRINT_PLACEHOLDER, verifyCommandLine } from "../verify-doc.js";
import { controlAnchor, recordAnchor, when } from "./when.js";

/** Only web links: a record URL never becomes a `javascript:` or `data:` link. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");

const more = <T>(c: Capped<T>) => (c.total > c.rows.length ? html`<p class="muted">Showing ${c.rows.length} of ${c.total}; all are in records/.</p>` : "");

/** Summary: scope, counts, signature state. */
export function summary(d: ReportData): Html {
  const s = d.stats;
  return html`<h2 id="summary">Summary</h2>
<table class="summary"><tbody>
<tr><th>Period</th><td>${when(d.period.from)} to ${when(d.period.to)}</td></tr>
<tr><th>Repositories</th><td>${d.repos.join(", ") || "none"}</td></tr>
<tr><th>Source</th><td>${d.apiUrl}</td></tr>
<tr><th>Generated</th><td>${when(d.generatedAt)} by ${d.tool.name} ${d.tool.version}</td></tr>
<tr><th>Records</th><td>${s.incidents} incidents, ${d.problemRoles ? html`${d.problemRoles.problem} problems (${s.knownErrors} known errors), ${d.problemRoles["post-incident review"]} post-incident reviews, ${d.problemRoles["post-implementation review"]} post-implementation reviews` : html`${s.problems} problems (${s.knownErrors} known errors)`}, ${s.changes} changes (${s.changeTypes.standard.total} standard, pre-approved); ${d.rawDocuments} raw API responses</td></tr>
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
    (r) => html`<tr><td><a href="${safeUrl(r.url)}">${r.ref}</a></td><td>${r.title}</td><td>${r.priority}</td><td>${r.security}</td><td>${r.state}</td><td>${when(r.createdAt)}</td><td>${when(r.closedAt)}</td><td class="num">${r.escalations}</td><td>${r.review ? html`${r.review} ${r.reviewCompletedAt ? html`(done ${when(r.reviewCompletedAt)})` : html`(open)`}` : ""}</td></tr>`,
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
    return html`<tr><th>${t === "standard" ? "standard (pre-approved)" : t}</th><td class="num">${c.total}</td><td class="num">${c.merged}</td><td class="num">${c.approved}</td><td class="num">${c.securityReviewed}</td></tr>`;
  });
  const em = d.stats.emergency.rows.map(
    (r: ChangeRow) => html`<tr><td><a href="${safeUrl(r.url)}">${r.ref}</a></td><td>${r.title}</td><td>${r.risk}</td><td>${when(r.mergedAt)}</td><td>${r.approvals}</td><td>${r.review ?? html`<span class="gap">none</span>`}</td><td>${r.reviewCompletedAt ? when(r.reviewCompletedAt) : r.reviewState === "overdue" ? html`<span class="gap">overdue</span>` : "pending (not yet due)"}</td></tr>`,
  );
  return html`<h2 id="changes">Changes by type</h2>
<table class="changes"><thead><tr><th>Type</th><th>Changes</th><th>Merged</th><th>Approved</th><th>Security reviewed</th></tr></thead><tbody>${types}</tbody></table>
<h3>Emergency changes and their reviews</h3>
${d.stats.emergency.total ? html`<table class="emergency"><thead><tr><th>Change</th><th>Title</th><th>Risk</th><th>Merged</th><th>Approved by</th><th>Review record</th><th>Review done</th></tr></thead><tbody>${em}</tbody></table>${more(d.stats.emergency)}` : html`<p class="muted">No emergency changes in the period.</p>`}`;
}

/** The anchor of the record an item's href names (`records/incident/acme/web/12.json`). */
function itemRecordAnchor(href: string): string | null {
  const m = /^records\/([a-z-]+)\/([^/]+)\/([^/]+)\/(\d+)\.json$/.exec(href);
  return m ? recordAnchor({ kind: m[1]!, repo: `${m[2]}/${m[3]}`, number: Number(m[4]) }) : null;
}

/** Control coverage of all three catalogues; 20000-1 labelled as our reading; each control links to its evidence items. */
export function controlsSection(d: ReportData): Html {
  const groups = (["iso27001-2013", "iso27001-2022", "iso20000-1-2018"] as const).map((cat) => {
    const info = d.catalogues[cat];
    const rows = d.coverage
      .filter((c) => c.catalogue === cat)
      .map((c) => {
        const status = c.outside ? html`<span class="outside">outside what this tool evidences</span>` : c.gap ? html`<span class="gap">gap</span>` : html`<a href="#${controlAnchor(c)}">covered</a>`;
        return html`<tr><td>${c.id}</td><td>${c.title}</td><td>${c.outside ? html`<span class="muted">${c.source}</span>` : c.supportedBy.join(", ")}</td><td class="num">${c.count ? html`<a href="#${controlAnchor(c)}">${c.count}</a>` : c.count}</td><td>${status}</td></tr>`;
      });
    const label = info.basis === "our-reading" ? html` <span class="muted">(correspondence: ${OUR_READING})</span>` : "";
    return html`<h3>${info.title}${label}</h3><table class="controls" data-catalogue="${cat}"><thead><tr><th>Control</th><th>Title</th><th>Evidence kinds (or where to look)</th><th>Items</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  const outside = d.coverage.filter((c) => c.outside).length;
  const gaps = d.coverage.filter((c) => c.gap).length;
  const ours = d.coverage.length - outside;
  return html`<h2 id="controls">Control coverage</h2><p>${ours - gaps} of the ${ours} controls this tool evidences have evidence in the period; ${gaps} gaps. A gap means no app-collected evidence, not that the control failed. ${outside} controls are outside what this tool evidences (suppliers, continuity, capacity, audit): their evidence is kept elsewhere, as the table says.</p>${groups}${evidenceSection(d)}`;
}

/** Drill-down: each covered control's evidence items, each linking to its record's row and JSON. */
function evidenceSection(d: ReportData): Html {
  const lists = d.coverage.flatMap((c, i) => {
    if (!c.count) return [];
    const items = d.controlItems?.get(i) ?? [];
    const rows = items.map((it) => {
      const anchor = itemRecordAnchor(it.href);
      return html`<tr><td>${when(it.at)}</td><td>${it.kind}</td><td>${anchor ? html`<a href="#${anchor}">${it.id}</a>` : it.id}</td><td><a href="${it.href}">JSON</a></td></tr>`;
    });
    const more = c.count > items.length ? html`<p class="muted">Showing ${items.length} of ${c.count}; controls/index.json lists them all.</p>` : "";
    return [html`<details id="${controlAnchor(c)}"><summary>${c.catalogue} ${c.id} ${c.title} (${c.count})</summary><table class="evidence"><thead><tr><th>When</th><th>Kind</th><th>Item</th><th>Record</th></tr></thead><tbody>${rows}</tbody></table>${more}</details>`];
  });
  return html`<h3 id="evidence">Evidence items per control</h3>${lists.length ? lists : html`<p class="muted">No evidence items in the period.</p>`}`;
}

/** How to verify the bundle. */
export function verifySection(d: ReportData): Html {
  return html`<h2 id="verify">How to verify this bundle</h2>
<p>With ims-bot: <code>${verifyCommandLine(d.fingerprint !== null)}</code>${d.fingerprint ? html`, where <code>${FINGERPRINT_PLACEHOLDER}</code> is the fingerprint the key's owner gave you by another channel (the one this bundle states proves nothing by itself)` : ""}. It exits 0 only when every hash, the file list, the signature and (with <code>--previous</code>) the chain hold.</p>
<p>With sha256sum and OpenSSL 3 alone, in the extracted folder (see VERIFY.md):</p><pre>${d.verifyCommands}</pre>`;
}
