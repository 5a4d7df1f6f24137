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
  /** `detect`: the decision ran after the fact on `deployment_status` (it flags, it did not prevent). */
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

export type AnyRecord = IncidentRecord | ProblemRecord | ChangeRecord | DeploymentRecord;

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
  record: { kind: RecordKind | "deployment"; repo: RepoName; number: number; url: string };
  at: string;
  summary: string;
  /** Where in the bundle: the record's own file, `records/incident/acme/web/12.json`. */
  href: string;
}
