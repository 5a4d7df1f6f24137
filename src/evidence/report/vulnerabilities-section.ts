import { median } from "../../deploy/dora.js";
import type { VulnerabilityRecord } from "../types.js";
import { html, type Html } from "./html.js";
import { recordAnchor, when } from "./when.js";

/** Overdue vulnerabilities and dismissals listed in report.html each; all are in records/vulnerabilities.json. */
export const VULNERABILITY_LIST_LIMIT = 200;

/** Severities in the order the report shows them (`secret`: secret scanning). */
const SEVERITIES = ["critical", "high", "medium", "low", "secret"] as const;

interface Row {
  anchor: string;
  ref: string;
  alert: string;
  severity: string;
  what: string;
  due: string | null;
  resolvedAt: string | null;
  by: string | null;
  reason: string | null;
  comment: string | null;
}

interface PerSeverity {
  target: string;
  open: number;
  openOverdue: number;
  /** Counted minutes to remediation of each fixed record, and whether it was within target. */
  fixed: { minutes: number; within: boolean }[];
  dismissed: number;
}

const DAY_MINUTES = 1440;

/**
 * Technical vulnerabilities in report.html (27001:2013 A.12.6.1, 2022 8.8): open by severity, time to
 * remediate against the target, the overdue ones and the dismissals with who and why. Kept as records
 * stream past: counts, remediation times and capped lists, never the records themselves.
 */
export class VulnerabilityRegister {
  readonly bySeverity = new Map<string, PerSeverity>();
  readonly overdue: Row[] = [];
  readonly dismissals: Row[] = [];
  overdueTotal = 0;
  dismissalTotal = 0;
  awaitingReview = 0;
  total = 0;

  add(r: VulnerabilityRecord): void {
    this.total++;
    const s = this.bySeverity.get(r.severity) ?? { target: r.target, open: 0, openOverdue: 0, fixed: [], dismissed: 0 };
    this.bySeverity.set(r.severity, s);
    const row: Row = {
      anchor: recordAnchor(r),
      ref: `${r.repo}#${r.number}`,
      alert: `${r.source} #${r.alert.number}`,
      severity: r.severity,
      what: r.package ?? r.subject,
      due: r.due,
      resolvedAt: r.resolvedAt,
      by: r.dismissal?.by ?? null,
      reason: r.dismissal?.reason ?? null,
      comment: r.dismissal?.comment ?? null,
    };
    if (r.outcome === "open") {
      s.open++;
      if (r.withinTarget === "overdue") s.openOverdue++;
      if (r.awaitingReview) this.awaitingReview++;
    }
    if (r.outcome === "fixed") s.fixed.push({ minutes: r.remediationMinutes, within: r.withinTarget === "within" });
    if (r.outcome === "dismissed") {
      s.dismissed++;
      this.dismissalTotal++;
      if (this.dismissals.length < VULNERABILITY_LIST_LIMIT) this.dismissals.push(row);
    }
    if (r.withinTarget === "overdue") {
      this.overdueTotal++;
      if (this.overdue.length < VULNERABILITY_LIST_LIMIT) this.overdue.push(row);
    }
  }

  section(): Html {
    const known = new Set<string>(SEVERITIES);
    const order = [...SEVERITIES.filter((s) => this.bySeverity.has(s)), ...[...this.bySeverity.keys()].filter((s) => !known.has(s)).sort()];
    const rows = order.map((sev) => {
      const s = this.bySeverity.get(sev)!;
      const m = median(s.fixed.map((f) => f.minutes));
      const within = s.fixed.length ? Math.round((100 * s.fixed.filter((f) => f.within).length) / s.fixed.length) : null;
      return html`<tr data-severity="${sev}"><th>${sev}</th><td>${s.target}</td><td data-col="open">${s.open}</td><td data-col="open-overdue">${s.openOverdue ? html`<span class="gap">${s.openOverdue}</span>` : "0"}</td><td data-col="fixed">${s.fixed.length}</td><td data-col="median">${m === null ? html`<span class="muted">none fixed</span>` : `${(m / DAY_MINUTES).toFixed(1)} d`}</td><td data-col="within">${within === null ? html`<span class="muted">n/a</span>` : `${within}%`}</td><td data-col="dismissed">${s.dismissed}</td></tr>`;
    });
    const table = html`<table class="vulnerabilities"><thead><tr><th>Severity</th><th>Target</th><th>Open</th><th>Open past due</th><th>Fixed</th><th>Median time to remediate</th><th>Fixed within target</th><th>Dismissed</th></tr></thead><tbody>${rows}</tbody></table>`;
    const more = (shown: number, total: number) => (total > shown ? html`<p class="muted">Showing ${shown} of ${total}; all are in records/vulnerabilities.json.</p>` : "");
    const overdue = this.overdueTotal
      ? html`<h3>Overdue remediation</h3>
<p><span class="gap">${this.overdueTotal} vulnerabilit${this.overdueTotal === 1 ? "y" : "ies"} not remediated within the target</span> (fixed late, or open past the due time at the period's end).</p>
<table class="vulnerability-overdue"><thead><tr><th>Record</th><th>Alert</th><th>Severity</th><th>Package or rule</th><th>Due</th><th>Resolved</th></tr></thead><tbody>${this.overdue.map(
          (o) => html`<tr><td><a href="#${o.anchor}">${o.ref}</a></td><td>${o.alert}</td><td>${o.severity}</td><td>${o.what}</td><td><span class="gap">${when(o.due)}</span></td><td>${o.resolvedAt ? when(o.resolvedAt) : "still open"}</td></tr>`,
        )}</tbody></table>${more(this.overdue.length, this.overdueTotal)}`
      : html`<p>No vulnerability is overdue for remediation.</p>`;
    const dismissals = this.dismissalTotal
      ? html`<h3>Dismissals</h3>
<table class="vulnerability-dismissals"><thead><tr><th>Record</th><th>Alert</th><th>Severity</th><th>Package or rule</th><th>Dismissed</th><th>By</th><th>Reason</th><th>Justification</th></tr></thead><tbody>${this.dismissals.map(
          (o) => html`<tr><td><a href="#${o.anchor}">${o.ref}</a></td><td>${o.alert}</td><td>${o.severity}</td><td>${o.what}</td><td>${when(o.resolvedAt)}</td><td>${o.by ?? "unknown"}</td><td>${o.reason ?? ""}</td><td>${o.comment ?? html`<span class="muted">none written</span>`}</td></tr>`,
        )}</tbody></table>${more(this.dismissals.length, this.dismissalTotal)}`
      : html`<p>No alert was dismissed.</p>`;
    const awaiting = this.awaitingReview ? html` <span class="gap">${this.awaitingReview} dismissed without a justification, open for the security team.</span>` : "";
    return html`<h2 id="vulnerabilities">Technical vulnerabilities</h2>
<p>${this.total} vulnerabilit${this.total === 1 ? "y" : "ies"} (Dependabot, code scanning and secret scanning alerts' records), by severity, with each severity's remediation target (<code>alerts.remediation</code>). Times to remediate are counted on the target's calendar, pauses excluded, from GitHub's raising of the alert to its fix (the record's own opening only when the app's marker predates the alert's times).${awaiting}</p>
${table}
${overdue}
${dismissals}`;
  }
}

/** The section, or nothing for a bundle without vulnerability records. */
export function vulnerabilitiesSection(register: VulnerabilityRegister | undefined): Html {
  if (!register || register.total === 0) return html``;
  return register.section();
}
