import { DEFAULT_MATRIX, matrixProblem, RISK_LEVELS } from "../risks/matrix.js";
import { z } from "zod";
import { RECHECK_INTERVAL_PATTERN } from "../change/recheck-limit.js";

/** Levels of impact and urgency, as the issue forms and `impact:`/`urgency:` labels spell them. */
export const LEVELS = ["high", "medium", "low"] as const;
export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const Level = z.enum(LEVELS);
export const Priority = z.enum(PRIORITIES);
export type Level = z.infer<typeof Level>;
export type Priority = z.infer<typeof Priority>;

/** `15m`, `4h`, `2d` (calendar days), `3bd` (business days on the target's calendar). */
export const DURATION_PATTERN = /^(\d+)(m|h|d|bd)$/;
export const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: "must be a duration like `15m`, `4h`, `2d` or `3bd`" });

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a time like `09:00`" });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date like `2026-12-25`" });
const TimeZone = z.string().refine(isTimeZone, { message: "must be an IANA time zone like `Europe/Berlin`" });
const TeamSlug = z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/, {
  message: "must be a team slug like `security` or `org/security`",
});
const Glob = z.string().min(1);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const UrgencyRow = z.strictObject({ high: Priority, medium: Priority, low: Priority });

export const ClassificationSchema = z.strictObject({
  /** impact -> urgency -> priority */
  matrix: z.strictObject({ high: UrgencyRow, medium: UrgencyRow, low: UrgencyRow }),
  /** A confirmed security incident with confidentiality impact on personal data is raised this many levels. */
  personalDataRaise: z.number().int().min(0).max(3),
  /** How conflicting labels set by people are resolved: the most severe, the least severe, or the newest. */
  conflict: z.enum(["highest", "lowest"]),
  /** Headings of the issue-form fields the app reads. */
  fields: z.strictObject({
    impact: z.string().min(1),
    urgency: z.string().min(1),
    service: z.string().min(1),
    securityImpact: z.string().min(1),
    /** Optional form fields: when the outage began and ended (availability, 20000-1 8.7.1). */
    outageStart: z.string().min(1).default("Outage start"),
    outageEnd: z.string().min(1).default("Outage end"),
  }),
});

export const CalendarSchema = z.strictObject({
  timeZone: TimeZone,
  /** true: the clock runs around the clock (24x7). */
  alwaysOpen: z.boolean().default(false),
  workingDays: z.array(z.enum(WEEKDAYS)).min(1).default(["mon", "tue", "wed", "thu", "fri"]),
  hours: z.strictObject({ start: Clock, end: Clock }).default({ start: "09:00", end: "17:00" }),
  holidays: z.array(IsoDate).default([]),
});

export const TargetSchema = z.strictObject({ respond: Duration, resolve: Duration, calendar: z.string().min(1) });

export const SlaSchema = z.strictObject({
  /** Share of a target after which the record is `sla:at-risk`. */
  atRisk: z.number().gt(0).lt(1),
  calendars: z.record(z.string().min(1), CalendarSchema),
  targets: z.strictObject({ P1: TargetSchema, P2: TargetSchema, P3: TargetSchema, P4: TargetSchema }),
});

export const EscalationLevelSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(["functional", "hierarchical"]),
  when: z.enum(["at-risk", "breached"]),
  priorities: z.array(Priority).min(1),
  /** A team slug, or `resolver` for the affected service's resolver team. */
  team: z.union([z.literal("resolver"), TeamSlug]),
  assign: z.boolean().default(false),
});

export const EscalationSchema = z.strictObject({
  levels: z.array(EscalationLevelSchema),
  resolvers: z.strictObject({ default: TeamSlug, services: z.record(z.string(), TeamSlug).default({}) }),
  sweep: z.strictObject({
    enabled: z.boolean(),
    intervalMinutes: z.number().int().min(1).max(1440),
    concurrency: z.number().int().min(1).max(16),
  }),
});

export const SecuritySchema = z.strictObject({
  team: TeamSlug,
  assign: z.boolean(),
});

export const MajorSchema = z.strictObject({
  autoForP1: z.boolean(),
  team: TeamSlug,
  procedure: z.array(z.string().min(1)),
  reviewOnClose: z.boolean(),
});

export const ProblemsSchema = z.strictObject({
  trend: z.strictObject({ enabled: z.boolean(), count: z.number().int().min(2), windowDays: z.number().int().min(1) }),
  requireRootCauseToClose: z.boolean(),
  fields: z.strictObject({ rootCause: z.string().min(1), workaround: z.string().min(1) }),
});

export const FreezeSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  timeZone: TimeZone.default("UTC"),
  reason: z.string().min(1),
});

export const StandardRuleSchema = z.strictObject({
  name: z.string().min(1),
  paths: z.array(Glob).min(1),
  authors: z.array(z.string().min(1)).default([]),
});

export const ChangeSchema = z.strictObject({
  /** Target branches whose pull requests can be changes; empty means the default branch. */
  branches: z.array(Glob),
  /** Pull requests touching these paths are changes. */
  paths: z.array(Glob),
  /** Every pull request into a target branch is a change. */
  allPullRequests: z.boolean(),
  /** Change-record answers that must be filled for a normal change. */
  recordFields: z.array(z.string().min(1)),
  securityReview: z.strictObject({ required: z.boolean() }),
  highRisk: z.strictObject({ secondApproval: z.boolean(), team: TeamSlug.nullable() }),
  /** A normal change of high risk must link an open `ims:risk` record (`Risk: #n`; issue 13 §2). */
  requireRiskRecord: z.boolean().default(false),
  invalidateOnPush: z.boolean(),
  allowTargetMerges: z.boolean(),
  standard: z.array(StandardRuleSchema),
  emergency: z.strictObject({
    approvers: TeamSlug,
    reviewLabel: z.string().min(1),
    reviewDueDays: z.number().int().min(1).max(90),
  }),
  freezes: z.array(FreezeSchema),
  recheck: z.strictObject({
    minInterval: z.string().regex(RECHECK_INTERVAL_PATTERN, { message: "must be an interval like `5m` or `1h` (`0m`: no limit)" }),
  }),
});

export const DeployWindowSchema = z.strictObject({
  /** Weekdays the window is open, in its time zone. */
  days: z.array(z.enum(WEEKDAYS)).min(1),
  /** Opens at (local time, inclusive) and closes at (exclusive); `to` after `from`. */
  from: Clock,
  to: Clock,
  timeZone: TimeZone.default("UTC"),
});

export const DeploySchema = z.strictObject({
  /** Environments whose deployments the gate decides (the custom protection rule, or the detective control). */
  environments: z.array(z.string().min(1)).min(1),
  /** Change windows: outside every one a deployment is rejected with the next opening; empty: always open. */
  windows: z.array(DeployWindowSchema),
  /** Open an incident linked to the change when its deployment fails or is rolled back (once). */
  incidentOnFailure: z.boolean(),
  /**
   * Where the first gated deployment's walk starts when the environment has no approved deployment yet:
   * the commit (40-hex sha) the environment runs today, or `root` (the repository's first commits); null:
   * the whole history must have come through approved changes.
   */
  baseline: z.union([z.literal("root"), z.string().regex(/^[0-9a-f]{40}$/, { message: "must be a full commit sha or `root`" })]).nullable(),
});

export const ControlOverrideSchema = z.strictObject({
  id: z.string().min(1),
  catalogue: z.enum(["iso27001-2013", "iso27001-2022", "iso20000-1-2018"]),
  title: z.string().min(1),
  evidence: z.array(z.string().min(1)).default([]),
});

export const EvidenceSchema = z.strictObject({
  /** Extra or replaced controls, merged over the catalogue in `workflows/controls.yml`. */
  controls: z.array(ControlOverrideSchema),
  /** What the auditor's report counts as an exception. */
  exceptions: z.strictObject({
    /** A security event not assessed (incident or not) within this many days is an exception. */
    securityAssessDays: z.number().int().min(1).max(90),
  }),
});

/** How much the business depends on a service (20000-1 8.2.5 / 27001:2022 5.9). */
export const CRITICALITIES = ["critical", "high", "medium", "low"] as const;

/** One service of the catalogue: a configuration item with its owner, resolver, target and hours. */
export const ServiceSchema = z.strictObject({
  /** The team accountable for the service. */
  owner: TeamSlug,
  /** The team that resolves its incidents (the `resolver` of the escalation levels). */
  resolver: TeamSlug,
  criticality: z.enum(CRITICALITIES).default("medium"),
  /** Availability target in percent of the agreed service time. */
  availability: z.number().gt(0).max(100).default(99.9),
  /** Name of a calendar under `sla.calendars`: the agreed service hours. */
  hours: z.string().min(1).default("24x7"),
  /** Repositories (`owner/name`) whose records and changes are this service's. */
  repositories: z.array(z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: "must be a repository like `acme/payments`" })).default([]),
  /** Paths (globs) in those repositories (any, when none are listed) that make up the service: changes and deployments by their files (src/services/attribution.ts). */
  paths: z.array(Glob).default([]),
});

/** The risk register (issue 13 §2): one likelihood x impact matrix, who may accept high risks, review reminders. */
export const RisksSchema = z.strictObject({
  /** Rows: likelihood 1..N (rare first); columns: impact 1..M (negligible first); never decreasing along either. */
  matrix: z
    .array(z.array(z.enum(RISK_LEVELS)))
    .superRefine((m, ctx) => {
      const problem = matrixProblem(m);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .default(DEFAULT_MATRIX),
  /** Names of the likelihood steps, rare first (the form's dropdown; a leading number also reads). */
  likelihoods: z.array(z.string().min(1)).min(1).default(["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]),
  /** Names of the impact steps, negligible first. */
  impacts: z.array(z.string().min(1)).min(1).default(["Negligible", "Minor", "Moderate", "Major", "Severe"]),
  /** Team whose members may accept a risk at or above `acceptAbove` with `/ims accept-risk`. */
  acceptors: TeamSlug.default("risk-acceptors"),
  /** From this level up, acceptance needs `/ims accept-risk` by an acceptor. */
  acceptAbove: z.enum(RISK_LEVELS).default("high"),
  review: z
    .strictObject({
      /** How long before the review date the owner is reminded (calendar days). */
      leadDays: z.number().int().min(0).max(365).default(14),
      /** Team mentioned when a review is overdue. */
      escalateTo: TeamSlug.default("risk-acceptors"),
    })
    .default({ leadDays: 14, escalateTo: "risk-acceptors" }),
});

/** Severities of GitHub security alerts, most severe first (Dependabot and code scanning; secrets map to `secret`). */
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
const AlertLevels = z.strictObject({ impact: Level, urgency: Level });

/** GitHub security alerts (Dependabot, code scanning, secret scanning) as security-event records. */
export const AlertsSchema = z.strictObject({
  /** Open security-event records for alerts (the app also needs the alert permissions). */
  enabled: z.boolean(),
  /** Dependabot: one record per package and severity instead of one per alert. */
  group: z.boolean(),
  /** At most this many records are opened by one sweep of a repository (a delivery opens one at most); the next sweep picks up the rest. */
  perDelivery: z.number().int().min(1).max(100),
  /**
   * A person's dismissal (or a secret's resolution other than revoked) closes the record only with a
   * written comment: GitHub always asks for a reason from a fixed list, but the comment, the
   * justification an auditor asks for, is optional. Without one the record stays open for the
   * security team. A Dependabot rule's auto-dismissal needs none.
   */
  requireJustification: z.boolean(),
  /**
   * The sweep lists open alerts at most once in this many minutes: per installation with the
   * organisation lists (the org's `.github` repository's config sets it), else per repository.
   */
  sweepMinutes: z.number().int().min(5).max(7 * 24 * 60),
  /** Severity -> impact and urgency, so the integrated matrix gives the priority. `secret`: a secret scanning alert. */
  severity: z.strictObject({
    critical: AlertLevels,
    high: AlertLevels,
    medium: AlertLevels,
    low: AlertLevels,
    secret: AlertLevels,
  }),
  /** Severity -> remediation target (the record's resolve target on the SLA clock). */
  remediation: z.strictObject({ critical: Duration, high: Duration, medium: Duration, low: Duration, secret: Duration }),
});

export const ConfigSchema = z.strictObject({
  classification: ClassificationSchema,
  sla: SlaSchema,
  escalation: EscalationSchema,
  security: SecuritySchema,
  major: MajorSchema,
  problems: ProblemsSchema,
  change: ChangeSchema,
  deploy: DeploySchema,
  evidence: EvidenceSchema,
  /** The service catalogue: service name -> owner, resolver, criticality, availability target, hours, repositories. */
  services: z.record(z.string().min(1), ServiceSchema),
  /** Open the onboarding pull request when the app is installed (labels are created either way). */
  onboarding: z.boolean(),
  /** Keep the `IMS dashboard` issue up to date (false closes it). */
  dashboard: z.boolean(),
  risks: RisksSchema.default(RisksSchema.parse({})),
  /** GitHub security alerts become security-event records (issue 13). */
  alerts: AlertsSchema,
});

export type ImsConfig = z.infer<typeof ConfigSchema>;
export type CalendarConfig = z.infer<typeof CalendarSchema>;
export type SlaConfig = z.infer<typeof SlaSchema>;
export type ChangeConfig = z.infer<typeof ChangeSchema>;
export type ServiceConfig = z.infer<typeof ServiceSchema>;
export type DeployConfig = z.infer<typeof DeploySchema>;
export type DeployWindow = z.infer<typeof DeployWindowSchema>;
export type RisksConfig = z.infer<typeof RisksSchema>;
export type AlertsConfig = z.infer<typeof AlertsSchema>;
export type AlertSeverity = keyof AlertsConfig["severity"];
