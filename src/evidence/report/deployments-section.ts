import type { DeploymentRow } from "../bundle/delivery.js";
import type { FourKeys } from "../../deploy/dora.js";
import type { ReportData } from "./data.js";
import { html, type Html } from "./html.js";

/** Only web links: a URL never becomes a `javascript:` or `data:` link. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");

/** `95 min` -> `1 h 35 min`; days past 48 hours. */
export function duration(minutes: number | null): string {
  if (minutes === null) return "n/a";
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${Math.round(minutes % 60)} min`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const pct = (r: number | null) => (r === null ? "n/a" : `${Math.round(r * 1000) / 10}%`);

function decisionCell(r: DeploymentRow): Html {
  if (r.decision === "none") return r.gated ? html`<span class="gap">no gate decision</span>` : html`<span class="muted">not gated</span>`;
  if (r.decision === "rejected") return html`<span class="gap">${r.mode === "detect" ? "not approved (detected after deployment)" : "rejected"}</span>${r.reasons ? html`<br><span class="muted">${r.reasons}</span>` : ""}`;
  return html`approved${r.mode === "detect" ? " (detective)" : ""}`;
}

function row(r: DeploymentRow): Html {
  const changes = r.changes.length ? r.changes.map((c, i) => html`${i ? ", " : ""}<a href="${safeUrl(c.url)}">${c.ref}</a>`) : html`<span class="muted">none</span>`;
  const outcome = r.outcome === "failed" ? html`<span class="gap">failed</span>` : r.failedChange.length ? html`${r.outcome}<br><span class="gap">failed change: ${r.failedChange.join(", ")}</span>` : r.outcome;
  return html`<tr${r.flagged ? html` class="flagged"` : ""} data-deployment="${r.id}"><td><a href="${safeUrl(r.url)}">${r.at}</a></td><td><code>${r.sha.slice(0, 7)}</code></td><td>${r.creator}</td><td>${decisionCell(r)}</td><td>${outcome}</td><td>${r.rollback ? html`<span class="gap">rollback</span>` : ""}</td><td>${changes}</td></tr>`;
}

function keysTable(dora: readonly FourKeys[]): Html {
  const rows = dora.map((k) => {
    const f = k.deploymentFrequency;
    const c = k.changeFailureRate;
    const t = k.timeToRestore;
    return html`<tr data-repo="${k.repo}"><th>${k.repo}</th>
<td>${f.bucket} <span class="muted">(${f.successful} successful in ${f.days} days, ${f.perWeek.toFixed(2)} a week)</span></td>
<td>${duration(k.leadTime.medianMinutes)} <span class="muted">(median of ${k.leadTime.changes} changes)</span></td>
<td>${pct(c.rate)} <span class="muted">(${c.failed} of ${c.finished}: ${c.failedOutcome} failed, ${c.rolledBack} rolled back, ${c.incident} with an incident)</span></td>
<td>${duration(t.medianMinutes)} <span class="muted">(median of ${t.restored} incidents${t.unresolved ? `, ${t.unresolved} unresolved` : ""})</span></td></tr>`;
  });
  const prod = [...new Set(dora.flatMap((k) => k.production))].join(", ");
  return html`<h3>DORA's four keys</h3>
<table class="dora"><thead><tr><th>Repository</th><th>Deployment frequency</th><th>Lead time for changes</th><th>Change failure rate</th><th>Time to restore</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">As Google's Four Keys defines them, over production deployments (${prod}) created in the period: lead time from a change's first commit to its first successful production deployment; a deployment fails when it failed, was rolled back or delivered a change an incident mentions; time to restore over incidents opened in the period that mention a change (its pull request or change record). Figures per repository, never averaged across them; records/dora.json has them all.</p>`;
}

/** Deployments per environment (time, commit, actor, the gate's decision, outcome, rollback, changes), rejected and undecided ones flagged, and DORA's four keys. */
export function deploymentsSection(d: ReportData): Html {
  const v = d.deployments;
  if (!v) return html``;
  const envs = v.environments.map((e) => {
    const more = e.rows.total > e.rows.rows.length ? html`<p class="muted">Showing ${e.rows.rows.length} of ${e.rows.total}; all are in records/deployments.json.</p>` : "";
    const flags = e.rejected || e.undecided ? html` <span class="gap">${e.rejected} rejected, ${e.undecided} without a gate decision</span>` : "";
    return html`<h3>${e.repo}: ${e.environment}</h3>
<p>${plural(e.rows.total, "deployment")}: ${e.failed} failed, ${plural(e.rollbacks, "rollback")}.${flags}</p>
<table class="deployments" data-environment="${e.environment}"><thead><tr><th>Time</th><th>Commit</th><th>Actor</th><th>Gate decision</th><th>Outcome</th><th>Rollback</th><th>Linked changes</th></tr></thead><tbody>${e.rows.rows.map(row)}</tbody></table>${more}`;
  });
  return html`<h2 id="deployments">Deployments</h2>
${v.environments.length ? envs : html`<p class="muted">No deployments in the period.</p>`}
${keysTable(v.dora)}`;
}
