import type { ReviewFacts } from "../change/facts.js";
import { standingReviews } from "../change/reviews.js";
import type { AnyRecord, ChangeRecord, ChangeReview, DeploymentRecord, EvidenceItem, EvidenceKind, IncidentRecord, ProblemRecord, RiskRecord, VulnerabilityRecord } from "./types.js";

const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;

/** A record's own file in the bundle: `records/incident/acme/web/12.json` (a deployment's number is its id). */
export function recordFile(r: { kind: AnyRecord["kind"]; repo: string; number: number }): string {
  const parts = r.repo.split("/");
  if (parts.length !== 2 || parts.some((s) => !SEGMENT.test(s) || s === "." || s === "..") || !Number.isSafeInteger(r.number) || r.number < 0) {
    throw new Error(`record ${r.kind} \`${r.repo}#${r.number}\` cannot name a file: the repository must be owner/name and the number a whole number`);
  }
  return `records/${r.kind}/${parts[0]}/${parts[1]}/${r.number}.json`;
}

/** Where a record sits in the bundle: its own file, `records/incident/acme/web/12.json`. */
export function recordHref(r: AnyRecord): string {
  return recordFile(r);
}

function item(r: AnyRecord, kind: EvidenceKind, at: string, summary: string, suffix = ""): EvidenceItem {
  return {
    id: `${kind}/${r.repo}#${r.number}${suffix}`,
    kind,
    record: { kind: r.kind, repo: r.repo, number: r.number, url: r.url },
    at,
    summary,
    href: recordHref(r),
  };
}

function incidentItems(r: IncidentRecord): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const first = r.classification[0];
  if (first) {
    const how = `${first.priority ?? "unprioritised"} (impact ${first.impact ?? "?"}, urgency ${first.urgency ?? "?"})`;
    out.push(item(r, "incident-classified", first.at, `classified ${how}`));
  }
  const assessed = r.classification.find((c) => c.security === "incident" || c.security === "not-incident");
  if (assessed) {
    out.push(item(r, "security-event-assessed", assessed.at, `security event assessed: ${assessed.security}`));
  }
  r.escalations.forEach((e, i) => {
    out.push(item(r, "escalation", e.at, `${e.kind} escalation to ${e.team} (${e.level}, ${e.reason})`, `/${i + 1}`));
  });
  for (const s of r.sla) {
    if (s.status === "running" || s.status === "stopped" || s.at === null) continue;
    const kind = s.status === "met" ? "sla-met" : "sla-breached";
    out.push(item(r, kind, s.at, `${s.priority} ${s.clock} ${s.status}: ${s.elapsedMinutes} of ${s.targetMinutes} min`, `/${s.clock}`));
  }
  if (r.major && r.review?.completedAt) {
    out.push(item(r, "major-incident-review", r.review.completedAt, `post-incident review ${r.review.repo}#${r.review.number}`));
  }
  return out;
}

function problemItems(r: ProblemRecord): EvidenceItem[] {
  const out = [item(r, "problem", r.createdAt, `problem linked to ${r.incidents.length} incident(s)`)];
  if (r.knownError) out.push(item(r, "known-error", r.knownErrorAt ?? r.createdAt, "known error recorded"));
  return out;
}

/**
 * Approvals that still stand, as GitHub counts them: each reviewer's latest review that approved,
 * requested changes or was dismissed (comments change nothing), when that one approved. An approval
 * followed by a request for changes is not an approval.
 */
export function standingApprovals(r: ChangeRecord): ChangeReview[] {
  // the gate's own rule (standingReviews); the record lists reviews in GitHub's order, so the position stands in for the id
  const asFacts = r.reviews.map((v, id): ReviewFacts => ({ id, user: { login: v.reviewer, type: "User" }, state: v.state, commitId: v.commit, submittedAt: v.at }));
  return [...standingReviews(asFacts).values()].filter((v) => v.state === "APPROVED").map((v) => r.reviews[v.id]!);
}

/** The gate's latest `IMS / change control` run, when it passed. */
export function passedGate(r: ChangeRecord): ChangeRecord["checkRuns"][number] | null {
  const runs = r.checkRuns.filter((c) => c.name === "IMS / change control" && c.completedAt !== null);
  runs.sort((a, b) => Date.parse(a.completedAt!) - Date.parse(b.completedAt!));
  const last = runs.at(-1);
  return last && last.conclusion === "success" ? last : null;
}

/**
 * The approvals the gate counted on its passing run: the approvers its trace names, or, without a
 * trace, standing approvals given on the head commit it passed at. An approval that a later push
 * invalidated is never evidence of approval.
 */
export function countedApprovals(r: ChangeRecord): ChangeReview[] {
  const gate = passedGate(r);
  if (!gate) return [];
  const standing = standingApprovals(r);
  const named = new Set<string>();
  let traced = false;
  for (const { trace } of gate.traces) {
    if (trace.rule !== "change.gate") continue;
    traced = true;
    const reqs = (trace.result as { requirements?: Record<string, { approvers?: unknown }> }).requirements ?? {};
    for (const req of Object.values(reqs)) for (const a of Array.isArray(req.approvers) ? req.approvers : []) named.add(String(a).toLowerCase());
  }
  return traced ? standing.filter((v) => named.has(v.reviewer.toLowerCase())) : standing.filter((v) => v.commit === gate.headSha);
}

function changeItems(r: ChangeRecord): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const merged = r.state === "merged" && r.mergedAt !== null;
  const gate = passedGate(r);
  const approvals = countedApprovals(r);
  // Approved means: the IMS / change control gate passed on the head that was merged.
  if (merged && gate) {
    const who = approvals.length ? `approved by ${approvals.map((v) => v.reviewer).join(", ")}` : r.type === "standard" ? "pre-approved standard change" : "passed";
    out.push(item(r, "change-approved", r.mergedAt!, `${r.type} change ${who}; IMS / change control passed at ${gate.headSha.slice(0, 7)}`));
  }
  approvals
    .filter((v) => v.security)
    .forEach((v, i) => out.push(item(r, "security-review", v.at, `security review by ${v.reviewer} at ${v.commit.slice(0, 7)}`, `/${i + 1}`)));
  if (merged && r.type === "emergency") out.push(item(r, "emergency-change", r.mergedAt!, "emergency change merged"));
  if (r.emergencyReview?.completedAt) {
    out.push(item(r, "emergency-review", r.emergencyReview.completedAt, `post-implementation review ${r.emergencyReview.repo}#${r.emergencyReview.number}`));
  }
  if (r.freezeException) {
    out.push(item(r, "freeze-exception", r.freezeException.at, `freeze exception (${r.freezeException.freeze}) by ${r.freezeException.approvedBy ?? "unknown"}`));
  }
  if (merged && r.configChange) out.push(item(r, "config-change", r.mergedAt!, "management system configuration changed"));
  return out;
}

function deploymentItems(r: DeploymentRecord): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const what = `${r.sha.slice(0, 7)} to ${r.environment} by ${r.creator ?? "unknown"}`;
  const changes = r.changes.length ? r.changes.map((c) => `${c.repo}#${c.pull}`).join(", ") : "no linked change";
  const g = r.gate;
  const decidedAt = g.checkRun?.completedAt ?? r.createdAt;
  if (g.decision === "approved") out.push(item(r, "deployment-approved", decidedAt, `deployment of ${what} approved by the gate (${g.standardRule ? `standard change: ${g.standardRule}` : g.emergency ? "emergency change" : changes})`));
  if (g.decision === "rejected" && g.mode !== "detect") out.push(item(r, "deployment-rejected", decidedAt, `deployment of ${what} rejected: ${g.reasons.join("; ") || "no reason recorded"}`));
  // an environment the gate does not cover has no decision to miss
  if ((g.decision === "none" && r.gated) || (g.decision === "rejected" && g.mode === "detect")) {
    const why = g.decision === "none" ? "no gate decision" : `flagged after the fact: ${g.reasons.join("; ") || "not approved"}`;
    out.push(item(r, "deployment-unapproved", decidedAt, `deployment of ${what} reached ${r.environment} without approval (${why})`));
  }
  if (r.finishedAt && (r.outcome === "success" || r.outcome === "failed")) out.push(item(r, "deployment-recorded", r.finishedAt, `deployment of ${what}: ${r.outcome}${r.rollback ? " (rollback)" : ""}; ${changes}`, "/outcome"));
  if (r.outcome === "failed" || r.rollback) out.push(item(r, "deployment-failed", r.finishedAt ?? r.createdAt, `deployment of ${what} ${r.outcome === "failed" ? "failed" : "rolled back to an earlier commit"}`, "/failed"));
  return out;
}

function riskItems(r: RiskRecord): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const how = `${r.level ?? r.levelLabel ?? "unassessed"} (likelihood ${r.likelihood ?? "?"}, impact ${r.impact ?? "?"}), treatment ${r.treatment ?? "not chosen"}`;
  if (r.assessedAt && (r.level || r.levelLabel)) out.push(item(r, "risk-assessed", r.assessedAt, `risk assessed ${how}${r.owner ? `, owner ${r.owner}` : ""}`));
  if (r.acceptance === "accepted" && r.acceptedAt) out.push(item(r, "risk-accepted", r.acceptedAt, `risk accepted at ${r.acceptedLevel} by ${r.acceptedBy}${r.acceptanceReason ? `: ${r.acceptanceReason}` : ""}`));
  r.reviews.forEach((v, i) => {
    const what = v.how === "reassessed" ? `risk reassessed to ${v.level}` : "overdue risk review done (review date moved on)";
    out.push(item(r, "risk-reviewed", v.at, `${what} by ${v.by ?? "unknown"}`, `/${i + 1}`));
  });
  return out;
}

function vulnerabilityItems(r: VulnerabilityRecord): EvidenceItem[] {
  const what = `${r.source} alert #${r.alert.number} (${r.severity}${r.package ? `, ${r.package}` : ""})`;
  const out = [item(r, "vulnerability-recorded", r.createdAt, `${what} recorded, remediation target ${r.target}${r.due ? ` due ${r.due}` : ""}`)];
  const timing = r.withinTarget === "overdue" ? "after its target" : "within its target";
  if (r.outcome === "fixed" && r.resolvedAt) out.push(item(r, "vulnerability-remediated", r.resolvedAt, `${what} fixed ${timing} ${r.target}`));
  if (r.outcome === "dismissed" && r.resolvedAt && r.dismissal) {
    const why = `${r.dismissal.reason ?? "no reason"}${r.dismissal.comment ? `: ${r.dismissal.comment.slice(0, 200)}` : ""}`;
    out.push(item(r, "vulnerability-dismissed", r.resolvedAt, `${what} dismissed by ${r.dismissal.by ?? "unknown"} (${why})`));
  }
  return out;
}

/** Evidence items a normalised record yields, e.g. an incident with a met respond clock yields `sla-met`. */
export function evidenceItemsFor(record: AnyRecord): EvidenceItem[] {
  switch (record.kind) {
    case "incident":
      return incidentItems(record);
    case "problem":
      return problemItems(record);
    case "change":
      return changeItems(record);
    case "deployment":
      return deploymentItems(record);
    case "risk":
      return riskItems(record);
    case "vulnerability":
      return vulnerabilityItems(record);
  }
}
