import type { BundleSource } from "../../src/evidence/bundle/source.js";
import type { ChangeRecord, DeploymentRecord, IncidentRecord, VulnerabilityRecord } from "../../src/evidence/types.js";
import { change, fromArray, incident, PERIOD, problem, raw, securityIncident, vulnerability } from "./fixtures.js";

/** A deployment of acme/web to production, approved unless the gate says otherwise. */
export function deployment(id: number, over: Partial<DeploymentRecord> = {}, gate: Partial<DeploymentRecord["gate"]> = {}): DeploymentRecord {
  return {
    kind: "deployment",
    repo: "acme/web",
    number: id,
    url: "https://github.com/acme/web/deployments/production",
    environment: "production",
    gated: true,
    sha: "c".repeat(40),
    ref: "main",
    creator: "alice",
    createdAt: "2026-03-05T10:00:00Z",
    finishedAt: "2026-03-05T10:04:00Z",
    outcome: "success",
    rollback: false,
    statuses: [],
    gate: { decision: "approved", mode: "prevent", reasons: [], directPushes: [], standardRule: null, emergency: false, checkRun: { url: "https://github.com/acme/web/runs/1", conclusion: "success", completedAt: "2026-03-05T10:00:01Z" }, ...gate },
    changes: [{ repo: "acme/web", pull: 12, url: "https://github.com/acme/web/pull/12", record: null, via: ["gate"], incidents: [] }],
    traces: [],
    sources: ["graphql-0001"],
    ...over,
  };
}

/** An emergency change merged on `mergedAt` whose review record is still open. */
export function openEmergency(n: number, mergedAt: string): ChangeRecord {
  const c = change(n, "emergency");
  return { ...c, mergedAt, emergencyReview: { kind: "issue", repo: "acme/web", number: 960 + n, url: `https://github.com/acme/web/issues/${960 + n}`, at: null, completedAt: null } };
}

/** A security event reported on 1 March and never assessed. */
export function unassessedEvent(n: number): IncidentRecord {
  const base = incident(n);
  return { ...base, security: "event", classification: [{ ...base.classification[0]!, at: "2026-03-01T10:00:05Z", security: "event" }] };
}

/**
 * A secret scanning alert's record (1d target) still open at the period's end: its incident record is an
 * unassessed security event whose clocks breached, which raises no incident exception; its vulnerability
 * record raises remediation-overdue.
 */
export function overdueAlert(n: number): [IncidentRecord, VulnerabilityRecord] {
  const base = unassessedEvent(n);
  const sla = base.sla.map((s) => ({ ...s, status: "breached" as const }));
  const inc: IncidentRecord = { ...base, state: "open", closedAt: null, sla, alert: { source: "secret-scanning", number: 1 } };
  const v = vulnerability(n, { source: "secret-scanning", severity: "secret", package: null, subject: "secret: GitHub Personal Access Token", target: "1d", targetMinutes: 1440, state: "open", closedAt: null, createdAt: "2026-03-01T10:00:00Z", due: "2026-03-02T10:00:00.000Z", outcome: "open", resolvedAt: null, remediationMinutes: 43000, withinTarget: "overdue" });
  return [inc, v];
}

/** Every exception kind the report knows, and records of every kind (raw sources included). */
export function auditorSource(): BundleSource {
  const noGate = { ...change(20), title: "Merged while the gate failed", checkRuns: [{ ...change(20).checkRuns[0]!, conclusion: "failure" }] };
  const majorNoReview: IncidentRecord = { ...incident(4), major: true, review: null };
  return {
    repos: ["acme/web"],
    period: PERIOD,
    apiUrl: "https://api.github.com",
    exceptionRules: { "acme/web": { securityAssessDays: 3, reviewDueDays: 5 } },
    directPushes: [{ repo: "acme/web", sha: "f".repeat(40), url: `https://github.com/acme/web/commit/${"f".repeat(40)}`, at: "2026-03-21T08:00:00Z", author: "mallory", headline: "Relax the gate", touched: [".github/ims.yml"], sources: ["graphql-0001"] }],
    entries: fromArray([
      raw("graphql-0001"),
      incident(1),
      incident(3),
      majorNoReview,
      securityIncident(7),
      unassessedEvent(8),
      problem(900),
      change(10),
      change(11, "standard"),
      change(12, "emergency"),
      openEmergency(13, "2026-03-02T10:00:00Z"),
      openEmergency(14, "2026-03-30T10:00:00Z"),
      noGate,
      deployment(5),
      deployment(6, { sha: "d".repeat(40) }, { decision: "rejected", reasons: ["change acme/web#30 not approved"] }),
      deployment(7, { sha: "e".repeat(40) }, { decision: "none", checkRun: null }),
      ...overdueAlert(40),
      vulnerability(41),
      raw("rest-issue-7-timeline"),
    ]),
  };
}
