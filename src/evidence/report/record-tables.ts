import { countedApprovals, passedGate, recordFile } from "../evidence-items.js";
import { reviewState, type ExceptionRules } from "../exceptions.js";
import type { AnyRecord, ChangeRecord, DeploymentRecord, IncidentRecord, ProblemRecord, RiskRecord, SlaClockResult, VulnerabilityRecord } from "../types.js";
import { Html, html } from "./html.js";
import { recordAnchor, when } from "./when.js";

/** Rows kept per record kind in report.html; every record is in records/ whatever the report shows. */
export const RECORD_TABLE_LIMIT = 1000;

type Cell<R> = (r: R, ctx: RowContext) => Html | string | number;
type KindOf<K extends AnyRecord["kind"]> = Extract<AnyRecord, { kind: K }>;

/** What a row needs besides its record: the period's end and the repository's rules (for pending vs overdue). */
export interface RowContext {
  periodEnd: string;
  rules: ExceptionRules;
}

/** One record kind's table in report.html: its section, its columns; the link to the record's JSON is added to every row. */
export interface RecordTable<R> {
  title: string;
  /** The section's anchor: `#records-incident`. */
  anchor: string;
  columns: readonly (readonly [string, Cell<R>])[];
}

/** Only web links: a record URL never becomes a `javascript:` or `data:` link. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");
const onGitHub = (r: { repo: string; number: number; url: string }, text = `${r.repo}#${r.number}`) => html`<a href="${safeUrl(r.url)}">${text}</a>`;
const clock = (r: IncidentRecord, c: SlaClockResult["clock"]) => {
  const s = r.sla.find((x) => x.clock === c);
  if (!s) return html`<span class="muted">none</span>`;
  const words = s.status === "breached" ? html`<span class="gap">breached</span>` : s.status === "stopped" ? "not measured (closed first)" : s.status;
  return html`${words} <span class="muted">${s.elapsedMinutes} of ${s.targetMinutes} min</span>`;
};
const reviewCell = (link: { repo: string; number: number; url: string; completedAt: string | null } | null, from: string | null, ctx: RowContext, need: boolean) => {
  if (!need) return "";
  const rs = reviewState(link?.completedAt ?? null, from, ctx.rules.reviewDueDays, ctx.periodEnd);
  const what = link ? onGitHub(link) : html`no review record`;
  if (rs.state === "done") return html`${what} done ${when(link!.completedAt)}`;
  if (rs.state === "late") return html`${what} <span class="gap">done late</span> ${when(link!.completedAt)}`;
  if (rs.state === "pending") return html`${what} pending${rs.due ? html` <span class="muted">(due ${when(rs.due)})</span>` : ""}`;
  return html`${what} <span class="gap">overdue</span> <span class="muted">(due ${when(rs.due)})</span>`;
};

/** What a problem record is: a problem, or a review counted apart from problems. */
export function problemRole(r: ProblemRecord): "problem" | "post-incident review" | "post-implementation review" {
  if (!r.reviewOf) return "problem";
  return r.reviewOf.kind === "incident" ? "post-incident review" : "post-implementation review";
}

function changeType(r: ChangeRecord): Html | string {
  return r.type === "standard" ? html`standard <span class="muted">(pre-approved)</span>` : r.type;
}

function gateCell(r: ChangeRecord): Html | string {
  const gate = passedGate(r);
  if (gate) return html`passed <span class="muted">${when(gate.completedAt)}</span>`;
  const last = r.checkRuns.filter((c) => c.name === "IMS / change control").at(-1);
  const words = last ? `not passed (${last.conclusion ?? "running"})` : "did not run";
  return r.state === "merged" ? html`<span class="gap">${words}</span>` : words;
}

function deploymentGate(r: DeploymentRecord): Html | string {
  const g = r.gate;
  if (g.decision === "approved") return `approved${g.mode === "detect" ? " (detective)" : ""}${g.standardRule ? `, standard: ${g.standardRule}` : g.emergency ? ", emergency" : ""}`;
  if (g.decision === "rejected") return html`<span class="gap">${g.mode === "detect" ? "not approved (detected after)" : "rejected"}</span> <span class="muted">${g.reasons.join("; ")}</span>`;
  return r.gated ? html`<span class="gap">no gate decision</span>` : html`<span class="muted">not gated</span>`;
}

function acceptanceCell(r: RiskRecord): Html | string {
  if (r.acceptance === "accepted") return `accepted at ${r.acceptedLevel} by ${r.acceptedBy} ${when(r.acceptedAt)}`;
  if (r.acceptance === "owner") return "accepted by the owner (below the threshold)";
  if (r.acceptance === "required") return r.state === "open" ? html`<span class="gap">acceptance required</span>` : "acceptance required";
  return "";
}

function riskReviewCell(r: RiskRecord): Html | string {
  if (!r.reviewDate) return r.reviewState === "invalid" ? html`<span class="gap">not a date</span>` : html`<span class="muted">no review date</span>`;
  return r.reviewState === "overdue" && r.state === "open" ? html`<span class="gap">overdue</span> <span class="muted">(${r.reviewDate})</span>` : `${r.reviewDate} (${r.reviewState})`;
}

function outcomeCell(r: VulnerabilityRecord): Html | string {
  if (r.outcome === "dismissed") return `dismissed by ${r.dismissal?.by ?? "unknown"}: ${r.dismissal?.reason ?? "no reason"}${r.dismissal?.comment ? ` (${r.dismissal.comment.slice(0, 200)})` : ""}`;
  if (r.awaitingReview) return html`<span class="gap">dismissed without ${r.awaitingReview}</span> <span class="muted">(open for the security team)</span>`;
  if (r.outcome === "closed" && r.dismissal) return html`<span class="gap">closed by hand</span> <span class="muted">after an unjustified dismissal by ${r.dismissal.by ?? "unknown"}</span>`;
  return r.outcome;
}

function remediationCell(r: VulnerabilityRecord): Html | string {
  const days = html`<span class="muted">${(r.remediationMinutes / 1440).toFixed(1)} of ${(r.targetMinutes / 1440).toFixed(1)} days</span>`;
  if (r.withinTarget === "overdue") return html`<span class="gap">overdue</span> ${days}`;
  return html`${r.withinTarget === "within" ? "within target" : "running"} ${days}`;
}

/**
 * The per-record tables of report.html, one entry per record kind: adding a kind (risks,
 * vulnerabilities) is one entry here, and the type makes it required.
 */
export const RECORD_TABLES: { [K in AnyRecord["kind"]]: RecordTable<KindOf<K>> } = {
  incident: {
    title: "Incidents",
    anchor: "records-incident",
    columns: [
      ["Record", (r) => onGitHub(r)],
      ["Title", (r) => r.title],
      ["Priority", (r) => r.priority ?? "none"],
      ["Security", (r) => r.security],
      ["Service", (r) => r.service ?? ""],
      ["Opened", (r) => when(r.createdAt)],
      ["Closed", (r) => when(r.closedAt)],
      ["Respond", (r) => clock(r, "respond")],
      ["Resolve", (r) => clock(r, "resolve")],
      ["Post-incident review", (r, ctx) => reviewCell(r.review, r.closedAt, ctx, r.major)],
    ],
  },
  problem: {
    title: "Problems and reviews",
    anchor: "records-problem",
    columns: [
      ["Record", (r) => onGitHub(r)],
      ["Title", (r) => r.title],
      ["Kind", (r) => problemRole(r)],
      ["Of", (r) => (r.reviewOf ? onGitHub(r.reviewOf) : r.incidents.length ? html`${r.incidents.map((l, i) => html`${i ? ", " : ""}${onGitHub(l)}`)}` : "")],
      ["Known error", (r) => (r.knownError ? `yes ${when(r.knownErrorAt)}` : "no")],
      ["Opened", (r) => when(r.createdAt)],
      ["Closed", (r) => when(r.closedAt)],
    ],
  },
  change: {
    title: "Changes",
    anchor: "records-change",
    columns: [
      ["Record", (r) => onGitHub(r)],
      ["Title", (r) => r.title],
      ["Type", (r) => changeType(r)],
      ["Risk", (r) => r.risk ?? ""],
      ["State", (r) => r.state],
      ["Opened", (r) => when(r.createdAt)],
      ["Merged", (r) => when(r.mergedAt)],
      ["Gate", (r) => gateCell(r)],
      ["Approved by", (r) => (r.type === "standard" && !countedApprovals(r).length ? html`<span class="muted">pre-approved</span>` : countedApprovals(r).map((v) => v.reviewer).join(", "))],
      ["Post-implementation review", (r, ctx) => reviewCell(r.emergencyReview, r.mergedAt, ctx, r.type === "emergency" && r.state === "merged")],
    ],
  },
  deployment: {
    title: "Deployments",
    anchor: "records-deployment",
    columns: [
      ["Deployment", (r) => html`<a href="${safeUrl(r.url)}">${r.repo} ${r.number}</a>`],
      ["Environment", (r) => r.environment],
      ["Commit", (r) => html`<code>${r.sha.slice(0, 7)}</code>`],
      ["Actor", (r) => r.creator ?? ""],
      ["Created", (r) => when(r.createdAt)],
      ["Finished", (r) => when(r.finishedAt)],
      ["Outcome", (r) => (r.outcome === "failed" ? html`<span class="gap">failed</span>` : `${r.outcome}${r.rollback ? " (rollback)" : ""}`)],
      ["Gate", (r) => deploymentGate(r)],
      ["Changes", (r) => r.changes.map((c) => `${c.repo}#${c.pull}`).join(", ")],
    ],
  },
  risk: {
    title: "Risks",
    anchor: "records-risk",
    columns: [
      ["Record", (r) => onGitHub(r)],
      ["Title", (r) => r.title],
      ["Asset", (r) => r.asset ?? ""],
      ["Level", (r) => (r.level ? `${r.level} (L${r.likelihood} x I${r.impact})` : html`<span class="muted">not assessed</span>`)],
      ["Treatment", (r) => r.treatment ?? ""],
      ["Acceptance", (r) => acceptanceCell(r)],
      ["Owner", (r) => r.owner ?? ""],
      ["Review", (r) => riskReviewCell(r)],
      ["Opened", (r) => when(r.createdAt)],
      ["Closed", (r) => when(r.closedAt)],
    ],
  },
  vulnerability: {
    title: "Vulnerabilities",
    anchor: "records-vulnerability",
    columns: [
      ["Record", (r) => onGitHub(r)],
      ["Alert", (r) => html`<a href="${safeUrl(r.alert.url)}">${r.source} #${r.alert.number}</a>`],
      ["Severity", (r) => r.severity],
      ["Package or rule", (r) => r.package ?? r.subject],
      ["Opened", (r) => when(r.createdAt)],
      ["Due", (r) => when(r.due)],
      ["Resolved", (r) => when(r.resolvedAt)],
      ["Outcome", (r) => outcomeCell(r)],
      ["Remediation", (r) => remediationCell(r)],
    ],
  },
};

/** The first raw API responses a record was built from, linked when the bundle holds them (the rest are in its JSON). */
const RAW_LINKS = 3;
function sourcesCell(sources: readonly string[], raw: ReadonlySet<string>): Html {
  const shown = sources.slice(0, RAW_LINKS).map((s, i) => html`${i ? " " : ""}${raw.has(s) ? html`<a href="raw/${encodeURIComponent(s)}.json">${i + 1}</a>` : html`<span class="muted" title="not in this bundle">${s}</span>`}`);
  return html`${shown}${sources.length > RAW_LINKS ? html` <span class="muted">+${sources.length - RAW_LINKS}</span>` : ""}`;
}

/** One row of a record's table without its raw-source cell: its anchor, its columns, its JSON. */
export function recordRow(r: AnyRecord, ctx: RowContext): Html {
  const table = RECORD_TABLES[r.kind] as RecordTable<AnyRecord>;
  const cells = table.columns.map(([, cell]) => html`<td>${cell(r, ctx)}</td>`);
  return html`<tr id="${recordAnchor(r)}">${cells}<td><a href="${recordFile(r)}">JSON</a></td>`;
}

/** Rows of every record kind, kept as they stream past (capped), and counts that mean what they say. */
export class RecordRows {
  private readonly rows = new Map<AnyRecord["kind"], { html: { row: string; sources: string[] }[]; total: number }>();
  /** Problem records by what they are: reviews are counted apart from problems. */
  readonly roles: Record<ReturnType<typeof problemRole>, number> = { problem: 0, "post-incident review": 0, "post-implementation review": 0 };

  constructor(private readonly ctx: (repo: string) => RowContext) {}

  add(r: AnyRecord): void {
    const list = this.rows.get(r.kind) ?? { html: [], total: 0 };
    this.rows.set(r.kind, list);
    list.total++;
    if (r.kind === "problem") this.roles[problemRole(r)]++;
    if (list.html.length < RECORD_TABLE_LIMIT) list.html.push({ row: recordRow(r, this.ctx(r.repo)).value, sources: r.sources.slice(0, RAW_LINKS + 1) });
  }

  /** The records section: a `<details>` per kind with its anchor, each table in its own scrolling box; `raw`: the raw ids the bundle holds. */
  section(raw: ReadonlySet<string>): Html {
    const parts = (Object.keys(RECORD_TABLES) as AnyRecord["kind"][]).map((kind) => {
      const t = RECORD_TABLES[kind] as RecordTable<AnyRecord>;
      const list = this.rows.get(kind) ?? { html: [], total: 0 };
      const heads = t.columns.map(([h]) => html`<th>${h}</th>`);
      const more = list.total > list.html.length ? html`<p class="muted">Showing ${list.html.length} of ${list.total}; all are in records/${kind}/.</p>` : "";
      const body = list.total
        ? html`<table class="records" data-kind="${kind}"><thead><tr>${heads}<th>JSON</th><th>Raw</th></tr></thead><tbody>${list.html.map((h) => html`${new Html(h.row)}<td>${sourcesCell(h.sources, raw)}</td></tr>`)}</tbody></table>${more}`
        : html`<p class="muted">None in the period.</p>`;
      return html`<details id="${t.anchor}"><summary>${t.title} (${list.total})</summary>${body}</details>`;
    });
    return html`<h2 id="records">Records of the period</h2>
<p class="muted">Every record active in the period; open a section to see its table. Each row links to the record on GitHub, its JSON in this bundle and the raw API responses it was built from.</p>
${parts}`;
  }

  total(kind: AnyRecord["kind"]): number {
    return this.rows.get(kind)?.total ?? 0;
  }
}
