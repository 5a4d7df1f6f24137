import { passedGate, recordFile } from "./evidence-items.js";
import type { AnyRecord, ChangeRecord, DeploymentRecord, IncidentRecord, VulnerabilityRecord } from "./types.js";
import type { DirectPush } from "./export/direct-pushes.js";

/** What the auditor's report lists first: everything of the period that went against the rules. */
export const EXCEPTION_KINDS = [
  "sla-breach",
  "security-not-assessed",
  "remediation-overdue",
  "emergency-change",
  "review-overdue",
  "merged-without-gate",
  "direct-push",
  "deployment-rejected",
  "deployment-unapproved",
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** The words the report heads each kind with. */
export const EXCEPTION_TITLES: Record<ExceptionKind, string> = {
  "sla-breach": "SLA breaches",
  "security-not-assessed": "Security events not assessed in time",
  "remediation-overdue": "Vulnerabilities not remediated within their target",
  "emergency-change": "Emergency changes and their reviews",
  "review-overdue": "Overdue reviews",
  "merged-without-gate": "Changes merged without a passing gate",
  "direct-push": "Direct pushes to the default branch that changed .github/ims.yml or change paths",
  "deployment-rejected": "Deployments rejected",
  "deployment-unapproved": "Deployments without approval",
};

/** The limits exceptions are judged by, per repository (from its `.github/ims.yml`). */
export interface ExceptionRules {
  /** `evidence.exceptions.securityAssessDays`: a security event must be assessed within this many days. */
  securityAssessDays: number;
  /** `change.emergency.reviewDueDays`: a review is due this many days after the emergency change merged or the major incident closed. */
  reviewDueDays: number;
}

/** The defaults of workflows/incident.yml and workflows/change.yml. */
export const DEFAULT_EXCEPTION_RULES: ExceptionRules = { securityAssessDays: 3, reviewDueDays: 5 };

export interface ExceptionEntry {
  kind: ExceptionKind;
  at: string;
  /** The record it concerns; null for a direct push (a commit, not a record). */
  record: { kind: AnyRecord["kind"]; repo: string; number: number; url: string } | null;
  /** A direct push's commit. */
  commit?: { repo: string; sha: string; url: string };
  /** The record's file in the bundle (a direct push: the raw API response it was read from). */
  file: string;
  summary: string;
}

const DAY = 86_400_000;

function entry(r: AnyRecord, kind: ExceptionKind, at: string, summary: string): ExceptionEntry {
  return { kind, at, record: { kind: r.kind, repo: r.repo, number: r.number, url: r.url }, file: recordFile(r), summary };
}

/** When a review due `dueMs` after `from` stands at `end`: done (when), pending (not yet due), overdue. */
export function reviewState(completedAt: string | null, from: string | null, dueDays: number, end: string): { state: "done" | "pending" | "overdue" | "late"; due: string | null } {
  const due = from ? new Date(Date.parse(from) + dueDays * DAY).toISOString() : null;
  if (completedAt) return { state: due && Date.parse(completedAt) > Date.parse(due) ? "late" : "done", due };
  if (!due || Date.parse(due) >= Date.parse(end)) return { state: "pending", due };
  return { state: "overdue", due };
}

function incidentExceptions(r: IncidentRecord, rules: ExceptionRules, end: string): ExceptionEntry[] {
  const out: ExceptionEntry[] = [];
  for (const s of r.sla) {
    // a security alert's record is judged by its remediation target alone (the vulnerability record's
    // remediation-overdue), not by the incident targets: nobody is asked to "respond" to an alert
    if (r.alert) continue;
    if (s.status === "breached") out.push(entry(r, "sla-breach", s.at ?? r.createdAt, `${s.priority} ${s.clock} target ${s.target} breached: ${s.elapsedMinutes} of ${s.targetMinutes} min`));
  }
  // an alert's record is assessed by its alert's severity (impact, urgency, remediation target), not by /ims assess
  const reported = r.alert ? undefined : r.classification.find((c) => c.security !== "none");
  if (reported) {
    const assessed = r.classification.find((c) => c.security === "incident" || c.security === "not-incident");
    const limit = Date.parse(reported.at) + rules.securityAssessDays * DAY;
    if (assessed && Date.parse(assessed.at) > limit) out.push(entry(r, "security-not-assessed", assessed.at, `security event reported ${reported.at.slice(0, 10)}, assessed (${assessed.security}) after ${Math.ceil((Date.parse(assessed.at) - Date.parse(reported.at)) / DAY)} days; the limit is ${rules.securityAssessDays}`));
    if (!assessed && Date.parse(end) > limit) out.push(entry(r, "security-not-assessed", new Date(limit).toISOString(), `security event reported ${reported.at.slice(0, 10)}, not assessed within ${rules.securityAssessDays} days`));
  }
  if (r.major && r.state === "closed") {
    const rs = reviewState(r.review?.completedAt ?? null, r.closedAt, rules.reviewDueDays, end);
    if (rs.state === "overdue" || rs.state === "late") {
      const what = r.review ? `post-incident review ${r.review.repo}#${r.review.number}` : "no post-incident review record";
      out.push(entry(r, "review-overdue", rs.due!, `major incident: ${what} ${rs.state === "late" ? `done ${r.review!.completedAt!.slice(0, 10)}, after` : "not done by"} its due date ${rs.due!.slice(0, 10)}`));
    }
  }
  return out;
}

function vulnerabilityExceptions(r: VulnerabilityRecord): ExceptionEntry[] {
  if (r.withinTarget !== "overdue" || !r.due) return [];
  const what = `${r.source} alert #${r.alert.number} (${r.severity}${r.package ? `, ${r.package}` : ""})`;
  const how = r.resolvedAt ? `${r.outcome} ${r.resolvedAt.slice(0, 10)}, after` : "still open past";
  return [entry(r, "remediation-overdue", r.due, `${what}: ${how} its remediation target ${r.target} (due ${r.due.slice(0, 10)})`)];
}

function changeExceptions(r: ChangeRecord, rules: ExceptionRules, end: string): ExceptionEntry[] {
  const out: ExceptionEntry[] = [];
  if (r.state !== "merged" || !r.mergedAt) return out;
  if (!passedGate(r)) {
    const last = r.checkRuns.filter((c) => c.name === "IMS / change control").at(-1);
    out.push(entry(r, "merged-without-gate", r.mergedAt, `${r.type} change merged while IMS / change control ${last ? `concluded ${last.conclusion ?? "nothing (still running)"}` : "had not run"}`));
  }
  if (r.type === "emergency") {
    const rs = reviewState(r.emergencyReview?.completedAt ?? null, r.mergedAt, rules.reviewDueDays, end);
    const review = r.emergencyReview ? `${r.emergencyReview.repo}#${r.emergencyReview.number}` : "no review record";
    const words = { done: "done", late: "done late", pending: "pending (not yet due)", overdue: "overdue" }[rs.state];
    out.push(entry(r, "emergency-change", r.mergedAt, `emergency change merged; post-implementation review ${review}: ${words}${rs.due ? `, due ${rs.due.slice(0, 10)}` : ""}`));
    if (rs.state === "overdue" || rs.state === "late") out.push(entry(r, "review-overdue", rs.due!, `post-implementation review ${review} ${rs.state === "late" ? "done after" : "not done by"} its due date ${rs.due!.slice(0, 10)}`));
  }
  return out;
}

function deploymentExceptions(r: DeploymentRecord): ExceptionEntry[] {
  const g = r.gate;
  const at = g.checkRun?.completedAt ?? r.createdAt;
  const what = `${r.sha.slice(0, 7)} to ${r.environment} by ${r.creator ?? "unknown"}`;
  if (g.decision === "rejected" && g.mode !== "detect") return [entry(r, "deployment-rejected", at, `deployment of ${what} rejected: ${g.reasons.join("; ") || "no reason recorded"}`)];
  if ((g.decision === "none" && r.gated) || (g.decision === "rejected" && g.mode === "detect")) {
    return [entry(r, "deployment-unapproved", at, `deployment of ${what} ran without approval (${g.decision === "none" ? "no gate decision" : `flagged after the fact: ${g.reasons.join("; ") || "not approved"}`})`)];
  }
  return [];
}

/** The exceptions a record raises, judged at the period's end; only those that fall in the period count. */
export function exceptionsFor(r: AnyRecord, rules: ExceptionRules, period: { from: string; to: string }): ExceptionEntry[] {
  const list =
    r.kind === "incident" ? incidentExceptions(r, rules, period.to)
    : r.kind === "change" ? changeExceptions(r, rules, period.to)
    : r.kind === "deployment" ? deploymentExceptions(r)
    : r.kind === "vulnerability" ? vulnerabilityExceptions(r)
    : [];
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return list.filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) <= to);
}

/** The exception a direct push to the default branch raises (read by the exporter from the branch's history). */
export function directPushException(p: DirectPush): ExceptionEntry {
  return {
    kind: "direct-push",
    at: p.at,
    record: null,
    commit: { repo: p.repo, sha: p.sha, url: p.url },
    file: `raw/${p.sources[0]}.json`,
    summary: `commit ${p.sha.slice(0, 7)} "${p.headline}" by ${p.author ?? "unknown"} reached the default branch without a merged pull request and touched ${p.touched.join(", ")}`,
  };
}

/** exceptions.json: every exception of the period, by kind then time. */
export function exceptionsDocument(list: readonly ExceptionEntry[], period: { from: string; to: string }, rules: Record<string, ExceptionRules>) {
  const sorted = [...list].sort((a, b) => EXCEPTION_KINDS.indexOf(a.kind) - EXCEPTION_KINDS.indexOf(b.kind) || Date.parse(a.at) - Date.parse(b.at) || a.file.localeCompare(b.file));
  const counts = Object.fromEntries(EXCEPTION_KINDS.map((k) => [k, sorted.filter((e) => e.kind === k).length]));
  return { period, rules, counts, exceptions: sorted };
}
