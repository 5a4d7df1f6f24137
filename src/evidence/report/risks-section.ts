import { RISK_LEVELS } from "../../risks/matrix.js";
import { TREATMENTS } from "../../risks/decide.js";
import type { RiskRecord } from "../types.js";
import { html, type Html } from "./html.js";
import { recordAnchor, when } from "./when.js";

/** Overdue reviews listed in report.html; all are in records/risks.json. */
export const OVERDUE_LIMIT = 200;

interface OverdueRow {
  anchor: string;
  ref: string;
  title: string;
  level: string;
  owner: string | null;
  reviewDate: string | null;
}

const NONE = "none";

/**
 * The risk register of report.html (27001 6.1.2, 6.1.3, 8.2, 8.3; 20000-1 6.1): open risks by level
 * and treatment, and those whose review is overdue at the period's end. Kept as records stream past:
 * counts and a capped list, never the records themselves.
 */
export class RiskRegister {
  /** level (or `none`) -> treatment (or `none`) -> open risks. */
  readonly grid = new Map<string, Map<string, number>>();
  readonly overdue: OverdueRow[] = [];
  overdueTotal = 0;
  open = 0;
  closed = 0;
  acceptanceRequired = 0;

  add(r: RiskRecord): void {
    if (r.state !== "open") {
      this.closed++;
      return;
    }
    this.open++;
    const level = r.level ?? NONE;
    const row = this.grid.get(level) ?? new Map<string, number>();
    this.grid.set(level, row);
    const t = r.treatment ?? NONE;
    row.set(t, (row.get(t) ?? 0) + 1);
    if (r.acceptance === "required") this.acceptanceRequired++;
    if (r.reviewState === "overdue") {
      this.overdueTotal++;
      if (this.overdue.length < OVERDUE_LIMIT) this.overdue.push({ anchor: recordAnchor(r), ref: `${r.repo}#${r.number}`, title: r.title, level, owner: r.owner, reviewDate: r.reviewDate });
    }
  }

  section(): Html {
    const levels = [...[...RISK_LEVELS].reverse(), NONE];
    const treatments = [...TREATMENTS, NONE];
    const cells = (l: string) => treatments.map((t) => html`<td data-treatment="${t}">${this.grid.get(l)?.get(t) ?? 0}</td>`);
    const rows = levels.map((l) => html`<tr data-level="${l}"><th>${l === NONE ? "not assessed" : l}</th>${cells(l)}</tr>`);
    const grid = html`<table class="risk-register"><thead><tr><th>Level</th>${treatments.map((t) => html`<th>${t === NONE ? "no treatment" : t}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
    const overdue = this.overdueTotal
      ? html`<h3>Overdue reviews</h3>
<p><span class="gap">${this.overdueTotal} open risk${this.overdueTotal === 1 ? "" : "s"} overdue for review</span> at the period's end.</p>
<table class="risk-overdue"><thead><tr><th>Risk</th><th>Title</th><th>Level</th><th>Owner</th><th>Review date</th></tr></thead><tbody>${this.overdue.map(
          (o) => html`<tr><td><a href="#${o.anchor}">${o.ref}</a></td><td>${o.title}</td><td>${o.level}</td><td>${o.owner ?? "not named"}</td><td><span class="gap">${when(o.reviewDate)}</span></td></tr>`,
        )}</tbody></table>${this.overdueTotal > this.overdue.length ? html`<p class="muted">Showing ${this.overdue.length} of ${this.overdueTotal}; all are in records/risks.json.</p>` : ""}`
      : html`<p>No open risk is overdue for review.</p>`;
    const required = this.acceptanceRequired ? html` <span class="gap">${this.acceptanceRequired} awaiting acceptance by an acceptor.</span>` : "";
    return html`<h2 id="risks">Risk register</h2>
<p>${this.open} open risk${this.open === 1 ? "" : "s"}, ${this.closed} closed, by level (the configured matrix) and treatment.${required}</p>
${grid}
${overdue}`;
  }
}

/** The section, or nothing for a bundle without risk records. */
export function risksSection(register: RiskRegister | undefined): Html {
  if (!register || register.open + register.closed === 0) return html``;
  return register.section();
}
