import { countedApprovals } from "../evidence-items.js";
import type { ChangeRecord, DeploymentRecord, IncidentRecord, ProblemRecord, RecordLink, RiskRecord, SlaClockResult, VulnerabilityRecord } from "../types.js";

type Columns<T> = readonly (readonly [string, (r: T) => unknown])[];

const refs = (links: readonly RecordLink[]) => links.map((l) => `${l.repo}#${l.number}`).join(" ");
const clock = (r: IncidentRecord, c: SlaClockResult["clock"]) => r.sla.find((s) => s.clock === c);

/** The first columns of every issue-based record: where it is and when it opened and closed. */
const ISSUE_COLUMNS: Columns<IncidentRecord | ProblemRecord | RiskRecord | VulnerabilityRecord> = [
  ["repo", (r) => r.repo],
  ["number", (r) => r.number],
  ["title", (r) => r.title],
  ["url", (r) => r.url],
  ["state", (r) => r.state],
  ["created_at", (r) => r.createdAt],
  ["closed_at", (r) => r.closedAt],
];

/** Spreadsheet columns of records/incidents.csv (full detail stays in incidents.json). */
export const INCIDENT_COLUMNS: Columns<IncidentRecord> = [
  ...ISSUE_COLUMNS,
  ["reporter", (r) => r.reporter],
  ["service", (r) => r.service],
  ["priority", (r) => r.priority],
  ["impact", (r) => r.impact],
  ["urgency", (r) => r.urgency],
  ["confidentiality", (r) => r.cia.confidentiality],
  ["integrity", (r) => r.cia.integrity],
  ["availability", (r) => r.cia.availability],
  ["personal_data", (r) => r.cia.personalData],
  ["security", (r) => r.security],
  ["major", (r) => r.major],
  ["review", (r) => (r.review ? `${r.review.repo}#${r.review.number}` : "")],
  ["respond_sla", (r) => clock(r, "respond")?.status ?? ""],
  ["respond_elapsed_min", (r) => clock(r, "respond")?.elapsedMinutes ?? ""],
  ["resolve_sla", (r) => clock(r, "resolve")?.status ?? ""],
  ["resolve_elapsed_min", (r) => clock(r, "resolve")?.elapsedMinutes ?? ""],
  ["escalations", (r) => r.escalations.length],
  ["problems", (r) => refs(r.problems)],
  ["classification_changes", (r) => r.classification.length],
  ["traces", (r) => r.traces.length],
];

/** Columns of records/problems.csv. */
export const PROBLEM_COLUMNS: Columns<ProblemRecord> = [
  ...ISSUE_COLUMNS,
  ["service", (r) => r.service],
  ["incidents", (r) => refs(r.incidents)],
  ["known_error", (r) => r.knownError],
  ["known_error_at", (r) => r.knownErrorAt],
  ["root_cause", (r) => r.rootCause],
  ["workaround", (r) => r.workaround],
  ["review_of", (r) => (r.reviewOf ? `${r.reviewOf.repo}#${r.reviewOf.number}` : "")],
  ["traces", (r) => r.traces.length],
];

/** Columns of records/changes.csv. */
export const CHANGE_COLUMNS: Columns<ChangeRecord> = [
  ["repo", (r) => r.repo],
  ["number", (r) => r.number],
  ["title", (r) => r.title],
  ["url", (r) => r.url],
  ["author", (r) => r.author],
  ["type", (r) => r.type],
  ["risk", (r) => r.risk],
  ["state", (r) => r.state],
  ["created_at", (r) => r.createdAt],
  ["merged_at", (r) => r.mergedAt],
  ["merge_commit", (r) => r.mergeCommit],
  ["base", (r) => r.base],
  ["change_record", (r) => (r.changeRecord ? `${r.changeRecord.repo}#${r.changeRecord.number}` : "")],
  ["approvals", (r) => countedApprovals(r).map((v) => v.reviewer).join(" ")],
  ["security_approvals", (r) => countedApprovals(r).filter((v) => v.security).map((v) => v.reviewer).join(" ")],
  ["gate_conclusion", (r) => r.checkRuns.filter((c) => c.name === "IMS / change control").at(-1)?.conclusion ?? ""],
  ["emergency_review", (r) => (r.emergencyReview ? `${r.emergencyReview.repo}#${r.emergencyReview.number}` : "")],
  ["emergency_review_completed_at", (r) => r.emergencyReview?.completedAt ?? ""],
  ["freeze_exception", (r) => r.freezeException?.freeze ?? ""],
  ["config_change", (r) => r.configChange],
  ["traces", (r) => r.traces.length],
];

/** Columns of records/deployments.csv (statuses and traces in full stay in deployments.json). */
export const DEPLOYMENT_COLUMNS: Columns<DeploymentRecord> = [
  ["repo", (r) => r.repo],
  ["deployment_id", (r) => r.number],
  ["environment", (r) => r.environment],
  ["gated", (r) => r.gated],
  ["sha", (r) => r.sha],
  ["ref", (r) => r.ref],
  ["creator", (r) => r.creator],
  ["created_at", (r) => r.createdAt],
  ["finished_at", (r) => r.finishedAt],
  ["outcome", (r) => r.outcome],
  ["rollback", (r) => r.rollback],
  ["gate_decision", (r) => r.gate.decision],
  ["gate_mode", (r) => r.gate.mode ?? ""],
  ["gate_reasons", (r) => r.gate.reasons.join("; ")],
  ["direct_pushes", (r) => r.gate.directPushes.join(" ")],
  ["standard_rule", (r) => r.gate.standardRule ?? ""],
  ["emergency", (r) => r.gate.emergency],
  ["changes", (r) => r.changes.map((c) => `${c.repo}#${c.pull}`).join(" ")],
  ["change_records", (r) => r.changes.flatMap((c) => (c.record ? [`${c.record.repo}#${c.record.number}`] : [])).join(" ")],
  ["gate_check_run", (r) => r.gate.checkRun?.url ?? ""],
  ["traces", (r) => r.traces.length],
];

/** Columns of records/risks.csv (the register: one row per risk; reviews and traces in full stay in risks.json). */
export const RISK_COLUMNS: Columns<RiskRecord> = [
  ...ISSUE_COLUMNS,
  ["reporter", (r) => r.reporter],
  ["asset", (r) => r.asset],
  ["threat", (r) => r.threat],
  ["vulnerability", (r) => r.vulnerability],
  ["likelihood", (r) => r.likelihood],
  ["impact", (r) => r.impact],
  ["level", (r) => r.level],
  ["level_label", (r) => r.levelLabel],
  ["treatment", (r) => r.treatment],
  ["treatment_plan", (r) => r.treatmentPlan],
  ["owner", (r) => r.owner],
  ["assessed_at", (r) => r.assessedAt],
  ["acceptance", (r) => r.acceptance],
  ["accepted_by", (r) => r.acceptedBy],
  ["accepted_at", (r) => r.acceptedAt],
  ["accepted_level", (r) => r.acceptedLevel],
  ["review_date", (r) => r.reviewDate],
  ["review_state", (r) => r.reviewState],
  ["reviews", (r) => r.reviews.length],
  ["incidents", (r) => refs(r.incidents)],
  ["problems", (r) => refs(r.problems)],
  ["changes", (r) => refs(r.changes)],
  ["traces", (r) => r.traces.length],
];

/** Columns of records/vulnerabilities.csv: one row per security alert's record, with its remediation against the target. */
export const VULNERABILITY_COLUMNS: Columns<VulnerabilityRecord> = [
  ...ISSUE_COLUMNS,
  ["source", (r) => r.source],
  ["alert_number", (r) => r.alert.number],
  ["alert_url", (r) => r.alert.url],
  ["severity", (r) => r.severity],
  ["package", (r) => r.package ?? ""],
  ["subject", (r) => r.subject],
  ["target", (r) => r.target],
  ["calendar", (r) => r.calendar],
  ["raised_at", (r) => r.raisedAt],
  ["raised_at_source", (r) => r.raisedAtSource],
  ["due", (r) => r.due ?? ""],
  ["outcome", (r) => r.outcome],
  ["resolved_at", (r) => r.resolvedAt ?? ""],
  ["dismissed_by", (r) => r.dismissal?.by ?? ""],
  ["dismissal_reason", (r) => r.dismissal?.reason ?? ""],
  ["dismissal_comment", (r) => r.dismissal?.comment ?? ""],
  ["awaiting_review", (r) => r.awaitingReview ?? ""],
  ["remediation_minutes", (r) => r.remediationMinutes],
  ["within_target", (r) => r.withinTarget],
];
