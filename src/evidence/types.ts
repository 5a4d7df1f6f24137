/**
 * Normalised records of the evidence bundle. A GitHub reader fills them from issues, pull requests,
 * timelines, reviews, check runs and the app's traces; the bundle writes them as they are.
 * Times are ISO 8601 strings in UTC (`2026-03-01T09:30:00Z`).
 */
import type { Level, Priority } from "../config/schema.js";
import type { Trace } from "../core/trace.js";
import type { EvidenceKind } from "./kinds.js";
import type { KindId } from "../records/kinds.js";
import type { OutageWindow } from "../services/outage.js";

export type { EvidenceKind } from "./kinds.js";

/** owner/name */
export type RepoName = string;
export type RecordKind = KindId;

/** Points at a record (or any issue / pull request) on GitHub. */
export interface RecordLink {
  kind: RecordKind | "issue" | "pull";
  repo: RepoName;
  number: number;
  url: string;
  /** When the link was made, when known. */
  at: string | null;
}

/** A review record linked from an incident or change, and when it was completed (closed). */
export interface ReviewLink extends RecordLink {
  completedAt: string | null;
}

/** One timeline entry as GitHub reports it (labeled, closed, commented, review_requested, ...). */
export interface TimelineEvent {
  at: string;
  actor: string | null;
  event: string;
  /** Label name, state, commit, or a short text, depending on the event. */
  detail: string | null;
  /** Id of the RawDocument this came from. */
  source: string | null;
}

/** An app decision found in a comment or check-run summary, with where it was found. */
export interface CollectedTrace {
  trace: Trace;
  /** URL of the comment or check run that carried it. */
  url: string;
  source: string | null;
}

export type SecurityState = "none" | "event" | "incident" | "not-incident";

export interface CiaImpact {
  confidentiality: Level | null;
  integrity: Level | null;
  availability: Level | null;
  personalData: boolean;
}

/** The classification at one moment: what changed it, and who. */
export interface ClassificationChange {
  at: string;
  by: string | null;
  priority: Priority | null;
  impact: Level | null;
  urgency: Level | null;
  security: SecurityState;
  major: boolean;
}

export interface SlaClockResult {
  clock: "respond" | "resolve";
  priority: Priority;
  /** Target as configured, e.g. `15m`, `3bd`. */
  target: string;
  targetMinutes: number;
  calendar: string;
  /** Counted minutes on the target's calendar, pauses excluded. */
  elapsedMinutes: number;
  /** `stopped`: the record was closed before anyone responded, so the respond target was never measured. */
  status: "met" | "breached" | "running" | "stopped";
  /** When it was met or breached; null while running or stopped. */
  at: string | null;
  /** Respond clock only: when the clock started and when someone responded (met or late; null: not yet). */
  start?: string;
  respondedAt?: string | null;
}

export interface Escalation {
  at: string;
  kind: "functional" | "hierarchical";
  level: string;
  team: string;
  reason: "at-risk" | "breached" | "security" | "major" | "manual";
}

/** What every issue-based record carries: where it is, who reported it, when it opened and closed, the service. */
export interface IssueRecordBase {
  repo: RepoName;
  number: number;
  title: string;
  url: string;
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
  reporter: string | null;
  service: string | null;
}

export interface IncidentRecord extends IssueRecordBase {
  kind: "incident";
  priority: Priority | null;
  impact: Level | null;
  urgency: Level | null;
  cia: CiaImpact;
  security: SecurityState;
  major: boolean;
  /** Post-incident review of a major incident. */
  review: ReviewLink | null;
  timeline: TimelineEvent[];
  classification: ClassificationChange[];
  sla: SlaClockResult[];
  escalations: Escalation[];
  problems: RecordLink[];
  /** Outage windows (form fields and `/ims outage`), for availability; absent in bundles written before they were read. */
  outages?: OutageWindow[];
  /** A security alert's record: its resolve clock is the remediation target, its vulnerability record `records/vulnerability/...`. */
  alert?: { source: VulnerabilityRecord["source"]; number: number };
  traces: CollectedTrace[];
  /** Ids of the RawDocuments this record was built from. */
  sources: string[];
}

export interface ProblemRecord extends IssueRecordBase {
  kind: "problem";
  incidents: RecordLink[];
  knownError: boolean;
  knownErrorAt: string | null;
  rootCause: boolean;
  workaround: boolean;
  /** The major incident or emergency change this problem record reviews, if it is a review. */
  reviewOf: RecordLink | null;
  timeline: TimelineEvent[];
  traces: CollectedTrace[];
  sources: string[];
}

export interface ChangeReview {
  reviewer: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  /** Commit the review was given on. */
  commit: string;
  at: string;
  /** The reviewer acted for the security team (as the change gate's trace recorded). */
  security: boolean;
}

export interface CheckRunRecord {
  /** `IMS / change control` for the app's gate. */
  name: string;
  conclusion: string | null;
  headSha: string;
  completedAt: string | null;
  url: string;
  traces: CollectedTrace[];
}

export interface FreezeException {
  freeze: string;
  approvedBy: string | null;
  at: string;
}

export interface ChangeRecord {
  kind: "change";
  repo: RepoName;
  number: number;
  url: string;
  title: string;
  author: string | null;
  type: "standard" | "normal" | "emergency";
  risk: "low" | "medium" | "high" | null;
  state: "open" | "closed" | "merged";
  createdAt: string;
  mergedAt: string | null;
  mergeCommit: string | null;
  base: string;
  /** The change record (issue) the pull request links to. */
  changeRecord: RecordLink | null;
  reviews: ChangeReview[];
  checkRuns: CheckRunRecord[];
  emergencyReview: ReviewLink | null;
  freezeException: FreezeException | null;
  /** The change touches the management system's own configuration (`.github/ims.yml`, workflows). */
  configChange: boolean;
  /** The pull request's changed files (every page): what attributes it to a service's `paths`. */
  files: string[];
  timeline: TimelineEvent[];
  traces: CollectedTrace[];
  sources: string[];
}

/** What a deployment's statuses say happened: the last status that is not `inactive` decides. */
export type DeploymentOutcome = "success" | "failed" | "in progress" | "none";

/** A pull request a deployment delivered: named by the gate's trace, or the one whose merge put the deployed commit on its branch. */
export interface DeployedChange {
  repo: RepoName;
  pull: number;
  url: string;
  /** The change record (issue) the gate named, when it named one. */
  record: RecordLink | null;
  via: Array<"gate" | "merge-commit">;
  /** Incidents of the repository that mention the change record (an incident mentioning the pull request shows on the change's own timeline). */
  incidents: number[];
}

/** The deployment gate's decision, read from the app's `IMS / deployment: <environment>` check run on the deployed commit. */
export interface DeploymentGate {
  /** `none`: no decision of the app was found (an exception the report shows). */
  decision: "approved" | "rejected" | "none";
  /** `detect`: no protection rule decided it (on `deployment_status`, or `deployment.created` for a REST deployment): it flags, it did not prevent. */
  mode: "prevent" | "detect" | null;
  reasons: string[];
  directPushes: string[];
  standardRule: string | null;
  emergency: boolean;
  checkRun: { url: string; conclusion: string | null; completedAt: string | null } | null;
}

export interface DeploymentRecord {
  kind: "deployment";
  repo: RepoName;
  /** GitHub's deployment id (databaseId): the record's key, as an issue's number is. */
  number: number;
  /** The deployments page of its environment (GitHub has no page per deployment). */
  url: string;
  environment: string;
  /** The deployment gate covers this environment (`deploy.environments`, or the app decided on it): a deployment without a decision is an exception. */
  gated: boolean;
  sha: string;
  /** Branch or tag deployed; the sha when a bare commit was deployed. */
  ref: string;
  creator: string | null;
  createdAt: string;
  /** When the outcome was reached (the deciding status); null while in progress or without status. */
  finishedAt: string | null;
  outcome: DeploymentOutcome;
  /** A deployment of a commit this environment already ran before another one replaced it (src/deploy/history.ts). */
  rollback: boolean;
  statuses: Array<{ state: string; at: string; by: string | null; description: string | null; logUrl: string | null }>;
  gate: DeploymentGate;
  changes: DeployedChange[];
  traces: CollectedTrace[];
  sources: string[];
}

/** A re-assessment or review of a risk record, read from its timeline (issue 13 §2-3). */
export interface RiskReviewEvent {
  at: string;
  by: string | null;
  /** `reassessed`: the level label changed after the first assessment; `review-overdue-cleared`: the overdue label was removed (the review date moved on). */
  how: "reassessed" | "review-overdue-cleared";
  /** The level after a reassessment. */
  level: string | null;
}

/** A risk record (`ims:risk`, 27001 6.1.2, 6.1.3, 8.2, 8.3; 20000-1 6.1): the form's answers, the matrix's level and the app's acceptance. */
export interface RiskRecord extends IssueRecordBase {
  kind: "risk";
  asset: string | null;
  threat: string | null;
  vulnerability: string | null;
  likelihood: number | null;
  impact: number | null;
  /** The level on the configured matrix from the form's likelihood and impact. */
  level: "low" | "medium" | "high" | "critical" | null;
  /** The `risk-level:*` label the app set (the card's level as GitHub shows it). */
  levelLabel: string | null;
  treatment: "accept" | "mitigate" | "transfer" | "avoid" | null;
  treatmentPlan: boolean;
  owner: string | null;
  /** When the level was first assessed (the app's first `risk-level:*` label), null when never. */
  assessedAt: string | null;
  /** `owner`: accepted by the owner's answer below the threshold; `accepted`: by `/ims accept-risk` (the app's own comment); `required`: acceptance missing or lapsed. */
  acceptance: "not-accept" | "owner" | "accepted" | "required";
  acceptedBy: string | null;
  acceptedAt: string | null;
  acceptedLevel: string | null;
  acceptanceReason: string | null;
  /** Review date from the form, and its state at the period's end (`overdue` only while open). */
  reviewDate: string | null;
  reviewState: "none" | "invalid" | "scheduled" | "due-soon" | "overdue";
  reviews: RiskReviewEvent[];
  incidents: RecordLink[];
  problems: RecordLink[];
  changes: RecordLink[];
  timeline: TimelineEvent[];
  traces: CollectedTrace[];
  sources: string[];
}

/**
 * A technical vulnerability (27001:2013 A.12.6.1, 2022 8.8): a GitHub security alert's record (an
 * `ims:incident` the app opened for a Dependabot, code scanning or secret scanning alert), with its
 * remediation target (`alerts.remediation`) and how it ended. Its number is the record's issue number.
 */
export interface VulnerabilityRecord extends IssueRecordBase {
  kind: "vulnerability";
  source: "dependabot" | "code-scanning" | "secret-scanning";
  /** The alert (for a grouped Dependabot record: the alert the app saw last). */
  alert: { number: number; url: string };
  /** critical, high, medium, low; `secret` for secret scanning. */
  severity: string;
  /** Dependabot: `npm/lodash`; otherwise null (the rule or secret type is in `subject`). */
  package: string | null;
  /** What the alert is: advisory and package, tool and rule, or the secret type. */
  subject: string;
  /** The remediation target as configured for the severity (`7d`), on the priority's calendar. */
  target: string;
  targetMinutes: number;
  calendar: string;
  /** When the vulnerability was raised: GitHub's `created_at` of the alert, or the record's opening when its marker lacks it (or it is later, a grouped record's newer alert). */
  raisedAt: string;
  /** `alert`: GitHub's time of the alert; `record`: the record's own opening (the marker predates the alert's times, or names a grouped record's newer alert). */
  raisedAtSource: "alert" | "record";
  /** When remediation is due (the target counted on its calendar from the alert's raising, pauses excluded). */
  due: string | null;
  /** `fixed`, `dismissed` (with a reason and, when required, a written justification), or `open` at the period's end (or closed otherwise, e.g. by hand). */
  outcome: "fixed" | "dismissed" | "open" | "closed";
  /** When the vulnerability ended: GitHub's fixed or dismissed time of the alert, else the record's closing; null while open. */
  resolvedAt: string | null;
  dismissal: { by: string | null; reason: string | null; comment: string | null } | null;
  /** A dismissal without a reason or written justification: the record stays open for the security team. */
  awaitingReview: string | null;
  /** Counted minutes on the target's calendar (to the resolution, or to the period's end while open). */
  remediationMinutes: number;
  /** `within`: resolved within the target; `overdue`: breached (resolved late, or open past its due time); `running`: open, not yet due. */
  withinTarget: "within" | "overdue" | "running";
  /** Ids of the RawDocuments this record was built from (the alert record's issue). */
  sources: string[];
}

export type AnyRecord = IncidentRecord | ProblemRecord | ChangeRecord | DeploymentRecord | RiskRecord | VulnerabilityRecord;

/** One API response with its chain of custody. */
export interface RawDocument {
  kind: "raw";
  /** Reader-chosen id, unique in the bundle, `[A-Za-z0-9._-]+`; the file is `raw/<id>.json`. */
  id: string;
  /** REST path (`/repos/o/r/issues/1/timeline`) or `/graphql`. */
  endpoint: string;
  method: "GET" | "POST";
  query: Record<string, string> | null;
  /** GraphQL document and variables, when endpoint is /graphql. */
  graphql: { query: string; variables: Record<string, unknown> } | null;
  fetchedAt: string;
  status: number;
  /** Response id headers: x-github-request-id, etag, last-modified, date, x-github-api-version-selected. */
  headers: Record<string, string>;
  body: unknown;
}

/** One piece of evidence for a control: derived from a record. */
export interface EvidenceItem {
  /** Stable: `<kind>/<repo>#<number>[/<n>]`. */
  id: string;
  kind: EvidenceKind;
  record: { kind: RecordKind | "deployment" | "vulnerability"; repo: RepoName; number: number; url: string };
  at: string;
  summary: string;
  /** Where in the bundle: the record's own file, `records/incident/acme/web/12.json`. */
  href: string;
}
