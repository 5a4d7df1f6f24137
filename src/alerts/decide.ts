import type { AlertSeverity, ImsConfig } from "../config/schema.js";
import { md } from "../core/explain.js";
import { hasLabel } from "../core/labels.js";
import { kindLabel } from "../records/kinds.js";
import type { LabelEvent, Lowering } from "../change/label-lowering.js";
import { classify } from "../records/classify.js";
import { PRIORITIES } from "../config/schema.js";
import type { AlertFacts, AlertSource } from "./facts.js";
import { alertStateMarker } from "./state-marker.js";

/** The security team an alert's record mentions, as `owner/slug` (`security.team` qualified by the repository's owner when it names no organisation). */
export function alertTeam(config: ImsConfig, owner: string): string {
  return config.security.team.includes("/") ? config.security.team : `${owner}/${config.security.team}`;
}

/** The hidden marker that finds the one record of an alert (or of a package and severity, grouped). */
export function alertKey(a: AlertFacts, config: ImsConfig): string {
  if (a.source === "dependabot" && config.alerts.group && a.package) return `dependabot:${a.package.toLowerCase()}:${a.severity}`;
  return `${a.source}:${a.number}`;
}

export const alertMarker = (key: string): string => `<!-- ims-alert ${encodeURIComponent(key)} -->`;

/** The key of the first alert marker in a body (null: none). Trust it only in the app's own issue. */
export function alertKeyIn(body: string | null | undefined): string | null {
  const m = /<!-- ims-alert (\S+) -->/.exec(body ?? "");
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** What a key names: one alert, or (grouped Dependabot) a package and severity. Null: not a key. */
export type AlertKeyTarget = { source: AlertSource; number: number } | { source: "dependabot"; package: string; severity: AlertSeverity };

export function parseAlertKey(key: string): AlertKeyTarget | null {
  const one = /^(dependabot|code-scanning|secret-scanning):(\d+)$/.exec(key);
  if (one) return { source: one[1] as AlertSource, number: Number(one[2]) };
  const group = /^dependabot:(.+):(critical|high|medium|low)$/.exec(key);
  return group ? { source: "dependabot", package: group[1]!, severity: group[2] as AlertSeverity } : null;
}

/** The record as GitHub holds it (found by its marker). */
export interface AlertRecordFacts {
  number: number;
  state: "open" | "closed";
  labels: string[];
  /** The record's body, when read (it keeps the line saying the record was opened after the alert ended). */
  body?: string;
}

const LATE = /^\*\*Recorded after the fact:\*\* .*$/m;

/**
 * The line of a record opened when GitHub already had its alert fixed or dismissed (its opening was
 * deferred, or its first record was deleted): the record's own opening and closing times are not the
 * alert's, so it says when GitHub raised and ended the alert. Kept as first written (null: not late).
 */
function lateLine(a: AlertFacts, existing: AlertRecordFacts | null): string | null {
  if (existing) return LATE.exec(existing.body ?? "")?.[0] ?? null;
  if (a.state === "open") return null;
  const ended = a.state === "fixed" ? "fixed" : "dismissed";
  return `**Recorded after the fact:** GitHub raised this alert ${a.raisedAt ? `at ${md(a.raisedAt)}` : "before this record"} and had it ${ended}${a.endedAt ? ` at ${md(a.endedAt)}` : ""} when this record was opened: the record's own opening and closing times are not the alert's.`;
}

/** What the app does about one alert: open a record, or bring the found one in line. */
export interface AlertPlan {
  key: string;
  /** Labels the record must carry (added when missing; nothing a person set is removed). */
  labels: string[];
  title: string;
  body: string;
  /** The record's state after this alert. */
  state: "open" | "closed";
  /** One note when the state changes or the alert's status is news (null: nothing to say). */
  note: string | null;
}

/** Whether the alert's record is shared by a group (Dependabot, `alerts.group`: one record per package and severity). */
export const isGrouped = (a: AlertFacts, config: ImsConfig): boolean => alertKey(a, config) !== `${a.source}:${a.number}`;

/**
 * What a dismissal lacks for the record to close (null: nothing, or not dismissed): a reason, or, with
 * `alerts.requireJustification`, a person's written comment (GitHub's reason is a fixed choice and the
 * comment optional; a Dependabot rule's auto-dismissal is justified by its rule).
 */
export function dismissalLacks(a: AlertFacts, config: ImsConfig): "a reason" | "a written justification" | null {
  if (a.state !== "dismissed") return null;
  if (!a.reason) return "a reason";
  if (config.alerts.requireJustification && !a.byRule && !a.comment?.trim()) return "a written justification";
  return null;
}

/**
 * Decides the record of an alert (pure). `groupOpen`: the other open alerts of the alert's group
 * (grouped Dependabot records): while any is open, the record stays open whatever this alert became.
 */
export function decideAlert(
  a: AlertFacts,
  existing: AlertRecordFacts | null,
  config: ImsConfig,
  securityTeam: string,
  groupOpen: readonly number[] = [],
  opts: { closedByHand?: string } = {},
): AlertPlan {
  const key = alertKey(a, config);
  const others = isGrouped(a, config) ? groupOpen.filter((n) => n !== a.number) : [];
  const map = config.alerts.severity[a.severity];
  const labels = [kindLabel("incident"), "security:event", `source:${a.source}`, `alert-severity:${a.severity}`];
  // impact and urgency from the severity map only while nobody set them (a person's assessment wins)
  if (!existing || !existing.labels.some((l) => l.toLowerCase().startsWith("impact:"))) labels.push(`impact:${map.impact}`);
  if (!existing || !existing.labels.some((l) => l.toLowerCase().startsWith("urgency:"))) labels.push(`urgency:${map.urgency}`);
  if (a.exposed) labels.push("cia:confidentiality");
  const lacks = dismissalLacks(a, config);
  const withoutReason = lacks !== null;
  const state: "open" | "closed" = a.state === "open" || withoutReason || others.length > 0 ? "open" : "closed";
  const team = `@${securityTeam}`;
  const title = `Security alert (${a.source}, ${a.severity}): ${a.summary}`.slice(0, 240);
  const body = [
    alertMarker(key),
    alertStateMarker(a, lacks),
    `**${md(a.source)} alert [#${a.number}](${a.url})** · severity **${a.severity}** · remediation target ${config.alerts.remediation[a.severity]}`,
    "",
    md(a.summary),
    "",
    statusLine(a, team, lacks),
    ...((late) => (late ? ["", late] : []))(lateLine(a, existing)),
    ...(others.length > 0 ? ["", `**Group:** ${others.length === 1 ? "alert" : "alerts"} ${others.map((n) => `#${n}`).join(", ")} of ${md(a.package ?? "this package")} (${a.severity}) still open: the record stays open until none is.`] : []),
  ].join("\n");
  const was = existing?.state ?? null;
  let note: string | null = null;
  if (others.length > 0 && a.state !== "open" && was === "open")
    note = `The alert [#${a.number}](${a.url}) is **${a.state}**; the record stays open while ${others.map((n) => `#${n}`).join(", ")} of the same package and severity ${others.length === 1 ? "is" : "are"} open.`;
  else if (a.state === "fixed" && was === "open") note = `The alert [#${a.number}](${a.url}) is **fixed**${fixedBy(a)}: the security event is remediated and the record closes.`;
  else if (a.state === "dismissed" && !withoutReason && was === "open")
    note = `The alert [#${a.number}](${a.url}) was **dismissed** by @\u200b${md(a.dismissedBy ?? "unknown")}: ${md(a.reason ?? "")}${a.comment ? ` (“${md(a.comment.slice(0, 280))}”)` : ""}. The record closes.`;
  else if (withoutReason && !(existing && existing.labels.some((l) => hasLabel([l], "needs-security-review"))))
    note = `The alert [#${a.number}](${a.url}) was dismissed by @\u200b${md(a.dismissedBy ?? "unknown")} ${a.reason ? `as ${md(a.reason)} ` : ""}**without ${lacks}**: the record stays open for ${team} to assess.`;
  else if (state === "open" && was === "closed" && opts.closedByHand)
    note = `@\u200b${md(opts.closedByHand)} closed this record by hand, but the alert [#${a.number}](${a.url}) is still **${a.state === "open" ? "open" : `${a.state} without ${lacks ?? "a reason"}`}** on GitHub${others.length > 0 ? ` (with ${others.map((n) => `#${n}`).join(", ")} of its group)` : ""}: the record reopens. It closes by itself when GitHub has the alert fixed, or dismissed with a reason${config.alerts.requireJustification ? " and a written justification" : ""}.`;
  else if (a.state === "open" && was === "closed") note = `The alert [#${a.number}](${a.url}) is **open again**: the record reopens.`;
  if (withoutReason) labels.push("needs-security-review");
  return { key, labels, title, body, state, note };
}

/** Who said a fixed alert is fixed, when a person did: a secret is "fixed" when someone resolves it as revoked (GitHub does not check it was). */
const fixedBy = (a: AlertFacts): string => (a.source === "secret-scanning" && a.dismissedBy ? ` (resolved as revoked by @\u200b${md(a.dismissedBy)})` : "");

function statusLine(a: AlertFacts, team: string, lacks: string | null): string {
  if (a.state === "open") return a.exposed ? "**Status:** open · the secret is exposed (leaked publicly or validated as active): confidentiality impact" : "**Status:** open";
  if (a.state === "fixed") return `**Status:** fixed${fixedBy(a)}`;
  if (lacks) return `**Status:** dismissed by @\u200b${md(a.dismissedBy ?? "unknown")}${a.reason ? ` as ${md(a.reason)}` : ""} without ${lacks}: open for ${team}`;
  return `**Status:** dismissed by @\u200b${md(a.dismissedBy ?? "unknown")}, reason: ${md(a.reason ?? "")}${a.comment ? `, “${md(a.comment.slice(0, 280))}”` : ""}`;
}

/**
 * The labels whose change can weaken an alert record (the guard's trigger filter on alert records):
 * `impact:`/`urgency:` (its priority), `ims:incident` (taking it off takes the record out of the
 * process: no SLA sweep, no escalation, no vulnerability record in the evidence bundle) and
 * `status:waiting` (it pauses the remediation clock).
 */
export const ALERT_GUARDED_LABEL = new RegExp(`^((impact|urgency):|${kindLabel("incident").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$|status:waiting$)`, "i");

/**
 * Does this label event weaken an alert record (pure)? An `impact:`/`urgency:` change that lowers the
 * priority as the classification derives it (the same matrix and conflict rule) before and after the
 * event (lower, or none at all); `ims:incident` removed; `status:waiting` added. Like removing
 * `security:incident`, each is the security team's judgement of a security event; anyone else's is
 * put back (see guardLoweringLabel). Raising the priority, or an axis change the matrix absorbs, is
 * anyone's; an alert record closes when GitHub has its alert fixed or dismissed, never by a label.
 * Example: alertLowering(["impact:high", "urgency:high"], { action: "labeled", label: "urgency:low" }, config) === null (the most severe wins)
 */
export function alertLowering(labelsAfter: readonly string[], event: LabelEvent, config: ImsConfig): Lowering | null {
  if (!ALERT_GUARDED_LABEL.test(event.label)) return null;
  const lower = event.label.toLowerCase();
  if (lower === kindLabel("incident"))
    return event.action === "unlabeled"
      ? { kind: "assessment", what: `removed \`${event.label}\``, why: "it takes the security alert's record out of the incident process (its remediation clock, escalation and the evidence bundle's vulnerability record)", undo: { add: [event.label], remove: [] } }
      : null;
  if (lower === "status:waiting")
    return event.action === "labeled"
      ? { kind: "assessment", what: `added \`${event.label}\``, why: "it pauses the security alert record's remediation clock (and with it its escalation)", undo: { add: [], remove: [event.label] } }
      : null;
  const before = event.action === "labeled" ? labelsAfter.filter((l) => l.toLowerCase() !== lower) : [...labelsAfter, event.label];
  const priority = (labels: readonly string[]) => classify({ labels: labels.map((l) => l.toLowerCase()), body: null }, config).priority;
  const was = priority(before);
  const now = priority(labelsAfter);
  if (was === null || (now !== null && PRIORITIES.indexOf(now) <= PRIORITIES.indexOf(was))) return null;
  const what = `${event.action === "labeled" ? "added" : "removed"} \`${event.label}\``;
  const undo = event.action === "labeled" ? { add: [], remove: [event.label] } : { add: [event.label], remove: [] };
  return { kind: "assessment", what, why: now === null ? `it takes away the security alert record's priority (${was})` : `it lowers the security alert record's priority from ${was} to ${now}`, undo };
}
