import { stringify } from "yaml";
import type { z } from "zod";
import { ConfigSchema } from "./schema.js";
import { rawDefaults } from "./defaults.js";

/** What each setting means, for the configuration reference in README (checked by a test). */
export const DESCRIPTIONS: Record<string, string> = {
  "classification.matrix": "Impact -> urgency -> priority: `{ high: { high: P1, medium: P2, low: P3 }, medium: {...}, low: {...} }`.",
  "classification.personalDataRaise": "Levels a confirmed security incident with confidentiality impact on personal data is raised (0: off).",
  "classification.conflict": "Two `impact:`/`urgency:` labels set by people: keep the most severe (`highest`) or the least (`lowest`).",
  "classification.fields.impact": "Heading of the Impact field in the issue forms.",
  "classification.fields.urgency": "Heading of the Urgency field.",
  "classification.fields.service": "Heading of the Affected service field.",
  "classification.fields.outageStart": "Heading of the optional Outage start field (a time like `2026-03-01 09:30 UTC`).",
  "classification.fields.outageEnd": "Heading of the optional Outage end field.",
  "classification.fields.securityImpact": "Heading of the Security impact checkboxes (Confidentiality, Integrity, Availability, Personal data involved).",
  "sla.atRisk": "Share of a target after which the record gets `sla:at-risk` (0 < x < 1).",
  "sla.calendars.<name>.timeZone": "IANA time zone of the calendar.",
  "sla.calendars.<name>.alwaysOpen": "`true`: the clock runs 24x7 (holidays and hours ignored).",
  "sla.calendars.<name>.workingDays": "Working days (`mon`..`sun`).",
  "sla.calendars.<name>.hours.start": "Start of the working day (`HH:MM`, local time).",
  "sla.calendars.<name>.hours.end": "End of the working day (`HH:MM`, local time).",
  "sla.calendars.<name>.holidays": "Local dates (`YYYY-MM-DD`) on which the clock does not run.",
  "sla.targets.<P>.respond": "Time to respond: first assignment or comment by someone with triage permission other than the reporter (`15m`, `4h`, `2d`, `3bd`).",
  "sla.targets.<P>.resolve": "Time to resolve (open, unpaused time until closed).",
  "sla.targets.<P>.calendar": "Name of a calendar under `sla.calendars`.",
  "escalation.levels": "Escalation levels, each fired at most once per record.",
  "escalation.levels[].name": "Name shown in the card and the escalation comment.",
  "escalation.levels[].kind": "`functional` (to a specialist group) or `hierarchical` (up the management line).",
  "escalation.levels[].when": "`at-risk` or `breached`.",
  "escalation.levels[].priorities": "Priorities this level applies to.",
  "escalation.levels[].team": "Team slug (`team` or `org/team`) to mention, or `resolver` for the affected service's resolver team.",
  "escalation.levels[].assign": "Also assign the record to the team's members.",
  "escalation.resolvers.default": "Resolver team when the affected service has none.",
  "escalation.resolvers.services": "Affected service -> resolver team (older configs; a service under `services` wins).",
  "escalation.sweep.enabled": "Sweep this repository in the in-process sweep that re-evaluates open incidents as time passes (a dispatched `ims-sweep` always runs).",
  "escalation.sweep.intervalMinutes": "Minutes between sweeps of this repository, rounded up to the scheduler's tick (5 minutes; `IMS_SWEEP_TICK_MINUTES`).",
  "escalation.sweep.concurrency": "Records of this repository evaluated at once during a sweep.",
  "security.team": "The security team (`team` or `org/team`): assesses security events, reviews changes.",
  "security.assign": "Assign security events to the security team's members.",
  "major.autoForP1": "Declare every P1 a major incident automatically.",
  "major.team": "Team informed of major incidents (top management).",
  "major.procedure": "Major-incident procedure steps, shown as a checklist on the card.",
  "major.reviewOnClose": "Open a post-incident review when a major or security incident closes without one.",
  "problems.trend.enabled": "Open a problem when incidents repeat on one service.",
  "problems.trend.count": "How many incidents on one service ...",
  "problems.trend.windowDays": "... within how many days open a problem.",
  "problems.requireRootCauseToClose": "Reopen a problem closed without a root cause, with an explanation.",
  "problems.fields.rootCause": "Heading of the Root cause field of the problem form.",
  "problems.fields.workaround": "Heading of the Workaround field.",
  "change.branches": "Target branches (globs) whose pull requests can be changes; empty: the default branch.",
  "change.paths": "Pull requests touching these paths (globs) are changes.",
  "change.allPullRequests": "Every pull request into a target branch is a change.",
  "change.recordFields": "Change-record answers a normal change needs.",
  "change.securityReview.required": "A normal change needs an approval by the security team at the head commit.",
  "change.highRisk.secondApproval": "High risk needs a second approval by another person.",
  "change.requireRiskRecord": "A normal change of high risk must link an open risk record rated `high` or above (not awaiting acceptance) with `Risk: #n` in the pull request body, or the check fails saying so.",
  "change.highRisk.team": "CAB team for that second approval; `null`: anyone with maintain or admin permission.",
  "change.invalidateOnPush": "New commits invalidate earlier approvals.",
  "change.allowTargetMerges": "... except commits that only merge the target branch in.",
  "change.standard": "Pre-approved standard-change rules.",
  "change.standard[].name": "Rule name, recorded in the check.",
  "change.standard[].paths": "Every changed path must match one of these globs.",
  "change.standard[].authors": "If listed, the author (and every commit author) must be one of these logins.",
  "change.emergency.approvers": "Team whose one approval lets an emergency change pass.",
  "change.emergency.reviewLabel": "Label of the post-implementation review record opened for an emergency change.",
  "change.emergency.reviewDueDays": "Days until that review is due (escalated when overdue).",
  "change.freezes": "Change freeze windows: normal and standard changes fail inside one.",
  "change.freezes[].from": "Start, local date-time (`2026-12-20T00:00`).",
  "change.freezes[].to": "End, local date-time.",
  "change.freezes[].timeZone": "IANA time zone of `from`/`to`.",
  "change.freezes[].reason": "Shown on the failing check.",
  "change.recheck.minInterval": "`/ims recheck` and the check's Re-run evaluate a pull request again at most once per this interval (`5m`, `1h`; `0m`: no limit); pushes, reviews and edits are never limited.",
  "deploy.environments": "Environments the deployment gate decides (`IMS / deployment: <environment>`): enable ims-bot as a custom protection rule on each, or it only detects.",
  "deploy.windows": "Change windows; outside every one a deployment is rejected with the next opening. Empty: any time. Approved emergency changes pass.",
  "deploy.windows[].days": "Weekdays the window is open: `mon` ... `sun`.",
  "deploy.windows[].from": "Opens at (local `HH:MM`, inclusive).",
  "deploy.windows[].to": "Closes at (local `HH:MM`, exclusive), after `from`.",
  "deploy.windows[].timeZone": "IANA time zone of `from`/`to` (`Europe/Berlin`).",
  "deploy.incidentOnFailure": "Open one incident linked to the change when its deployment fails or is rolled back.",
  "deploy.baseline": "Where the walk starts before an environment's first approved deployment: the full sha it runs today, or `root` (the first commit); null: the whole history must have come through approved changes. A sha after the last approved deployment accepts what came before it (a direct push reviewed after the fact, through the change that sets it).",
  "evidence.controls": "Extra or replaced controls, merged over `workflows/controls.yml`.",
  "evidence.controls[].id": "Control id, e.g. `A.16.1.4` or `5.25` or `8.6.1`.",
  "evidence.controls[].catalogue": "`iso27001-2013`, `iso27001-2022` or `iso20000-1-2018`.",
  "evidence.controls[].title": "Control title.",
  "evidence.controls[].evidence": "Evidence kinds that support it.",
  "evidence.exceptions.securityAssessDays": "A security event not assessed (incident or not) within this many days of being reported is an exception.",
  "services.<name>.owner": "Team accountable for the service (`team` or `org/team`).",
  "services.<name>.resolver": "Team that resolves its incidents: the `resolver` of `escalation.levels` (replaces `escalation.resolvers.services`).",
  "services.<name>.criticality": "`critical`, `high`, `medium` or `low`.",
  "services.<name>.availability": "Availability target, % of the agreed service time (e.g. `99.9`); the service report compares each period with it.",
  "services.<name>.hours": "Agreed service hours: the name of a calendar under `sla.calendars` (`24x7`, `business`); MTTA and MTTR are counted on it.",
  "services.<name>.repositories": "Repositories (`owner/name`) whose incidents without an Affected service, and whose changes, are this service's.",
  "services.<name>.paths": "Paths (globs) that make up the service, in its `repositories` (any repository when it lists none): a change whose files match is this service's, and so are the deployments that delivered it (a monorepo's services are told apart by them). Without paths, the service owns its repositories whole.",
  onboarding: "Open the onboarding pull request (issue forms, pull request template, a short `.github/ims.yml`) when the app is installed on a repository; `false` (usually in the organisation's `.github` repository) turns it off. Labels are created either way; `/ims setup` by an admin opens it on request.",
  "alerts.enabled": "Open a security-event record (an incident record labelled `security:event` and `source:...`) for each Dependabot, code scanning and secret scanning alert (the app also needs the alert permissions: without them the feature is off).",
  "alerts.group": "Dependabot: one record per package and severity instead of one per alert.",
  "alerts.perDelivery": "At most this many alert records are opened by one sweep of a repository (a webhook delivery opens one at most); open alerts beyond it, or beyond the installation's content budget for alert records (50 content-creating requests a minute, 300 an hour, of GitHub's 80 and 500), are picked up by the next sweep.",
  "alerts.requireJustification": "A person's dismissal of an alert (or a secret resolved other than as revoked) closes its record only with a written comment; without one the record stays open with `needs-security-review` for the security team. GitHub's reason is a fixed choice, the comment optional; a Dependabot rule's auto-dismissal needs none.",
  "alerts.sweepMinutes": "The sweep lists open alerts at most once in this many minutes: once per organisation installation with the organisation-wide lists (three calls a page of 100 alerts; the organisation `.github` repository config sets it), else once per repository (user accounts, `ims-sweep` dispatch). While records are deferred (a burst beyond the content budget) the alerts are listed at every sweep tick until all have their records.",
  "alerts.severity.critical.impact": "Impact of a critical alert's record (the matrix gives the priority).",
  "alerts.severity.critical.urgency": "Urgency of a critical alert's record.",
  "alerts.severity.high.impact": "Impact of a high alert's record.",
  "alerts.severity.high.urgency": "Urgency of a high alert's record.",
  "alerts.severity.medium.impact": "Impact of a medium (moderate) alert's record.",
  "alerts.severity.medium.urgency": "Urgency of a medium alert's record.",
  "alerts.severity.low.impact": "Impact of a low alert's record.",
  "alerts.severity.low.urgency": "Urgency of a low alert's record.",
  "alerts.severity.secret.impact": "Impact of a secret scanning alert's record (a leaked or validated secret also gets `cia:confidentiality`).",
  "alerts.severity.secret.urgency": "Urgency of a secret scanning alert's record.",
  "alerts.remediation.critical": "Remediation target of a critical alert: the record's resolve target on the SLA clock (escalation as for any target).",
  "alerts.remediation.high": "Remediation target of a high alert.",
  "alerts.remediation.medium": "Remediation target of a medium alert.",
  "alerts.remediation.low": "Remediation target of a low alert.",
  "alerts.remediation.secret": "Remediation target of a secret scanning alert.",
  dashboard: "Keep the `IMS dashboard` issue of this repository up to date (open incidents, security events, changes and what they wait for, reviews due, config errors); `false` closes it.",
  // the risk register (issue 13 §2)
  "risks.matrix": "The risk matrix: one row per likelihood (rare first), one level (`low`, `medium`, `high`, `critical`) per impact (negligible first). The level must never fall when likelihood or impact rise; a matrix where it does is refused naming the cell.",
  "risks.likelihoods": "Names of the likelihood steps, rare first (the risk form's dropdown; an answer's leading number also reads).",
  "risks.impacts": "Names of the impact steps, negligible first.",
  "risks.acceptors": "Team whose active members may accept a risk at or above `risks.acceptAbove` with `/ims accept-risk` (read from the default branch only).",
  "risks.acceptAbove": "From this level up, treatment `accept` needs `/ims accept-risk` by an acceptor; below it the risk owner's form answer accepts it.",
  "risks.review.leadDays": "Days before a risk's review date when its owner is reminded.",
  "risks.review.escalateTo": "Team mentioned once when a risk's review date has passed.",
};

type Any = z.ZodType;
interface Leaf {
  path: string;
  type: string;
}

function def(s: Any): { type: string } & Record<string, unknown> {
  return (s as unknown as { _zod: { def: { type: string } & Record<string, unknown> } })._zod.def;
}

function typeName(s: Any): string {
  const d = def(s);
  switch (d.type) {
    case "default":
    case "optional":
      return typeName(d.innerType as Any);
    case "nullable":
      return `${typeName(d.innerType as Any)} or null`;
    case "enum":
      return Object.values(d.entries as Record<string, string>).map((v) => `\`${v}\``).join(" \\| ");
    case "literal":
      return (d.values as unknown[]).map((v) => `\`${String(v)}\``).join(" \\| ");
    case "union":
      return (d.options as Any[]).map(typeName).join(" or ");
    case "array":
      return `list of ${typeName(d.element as Any)}`;
    case "record":
      return "mapping";
    case "object":
      return "mapping";
    default:
      return d.type;
  }
}

/** Every documented setting of the schema (objects are walked; records and lists of objects by a placeholder). */
export function settingPaths(schema: Any = ConfigSchema as Any, prefix = ""): Leaf[] {
  const d = def(schema);
  if (d.type === "default" || d.type === "optional" || d.type === "nullable") return settingPaths(d.innerType as Any, prefix);
  if (d.type === "object" && prefix !== "classification.matrix") {
    const shape = d.shape as Record<string, Any>;
    return Object.entries(shape).flatMap(([k, v]) => settingPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  if (d.type === "record") {
    const placeholder = prefix === "sla.calendars" || prefix === "services" ? "<name>" : null;
    const value = d.valueType as Any;
    if (placeholder && def(value).type === "object") return settingPaths(value, `${prefix}.${placeholder}`);
    return [{ path: prefix, type: typeName(schema) }];
  }
  if (d.type === "array" && def(d.element as Any).type === "object") {
    return [{ path: prefix, type: "list" }, ...settingPaths(d.element as Any, `${prefix}[]`)];
  }
  return [{ path: prefix, type: typeName(schema) }];
}

/** Collapses `sla.targets.P1.x` .. `P4.x` into `sla.targets.<P>.x` for the reference. */
function collapse(leaves: Leaf[]): Leaf[] {
  const seen = new Set<string>();
  const out: Leaf[] = [];
  for (const l of leaves) {
    const path = l.path.replace(/^sla\.targets\.P[1-4]\./, "sla.targets.<P>.");
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ ...l, path });
  }
  return out;
}

/** The configuration reference as a Markdown table, generated from the schema and the shipped defaults. */
export function configReference(): string {
  const defaults = rawDefaults();
  const rows = collapse(settingPaths()).map((l) => {
    const shown = l.path.includes("<P>")
      ? (["P1", "P2", "P3", "P4"] as const).map((p) => `${p} ${inline(defaultAt(defaults, l.path.replace("<P>", p)))}`).join(", ")
      : l.path === "classification.matrix"
        ? "high: P1 P2 P3, medium: P2 P3 P4, low: P3 P4 P4 (urgency high, medium, low)"
        : inline(defaultAt(defaults, l.path));
    return `| \`${l.path}\` | ${l.type} | ${shown.length > 90 ? "see `workflows/`" : shown} | ${DESCRIPTIONS[l.path] ?? ""} |`;
  });
  return ["| setting | type | default | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

function inline(value: unknown): string {
  if (value === undefined) return "";
  return "`" + stringify(value, { flow: true }).trim().replace(/\|/g, "\\|").replace(/\n/g, " ") + "`";
}

function defaultAt(root: unknown, path: string): unknown {
  if (path.includes("[]")) return undefined;
  let cur: unknown = root;
  for (const part of path.replace("<name>", "business").split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
