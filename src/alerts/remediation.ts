import { ALERT_SEVERITIES, PRIORITIES, type AlertSeverity, type ImsConfig, type SlaConfig } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";

/**
 * What a record's SLA targets are read from: its labels, and the severity of the alert when it is one
 * of the app's own alert records (the app opened the issue and wrote the alert's state into its body:
 * `alertSeverityOf`, read where the issue is read). The `alert-severity:` label only shows that
 * severity; a person who changes it changes no target.
 */
export interface SlaSubject {
  labels: readonly string[];
  /** The severity in the app's own alert record's state marker; null: not one of the app's alert records. */
  alertSeverity: string | null;
}

type Severity = AlertSeverity | "secret";

const SEVERITIES: readonly Severity[] = [...ALERT_SEVERITIES, "secret"];
const isSeverity = (s: string | null): s is Severity => s !== null && (SEVERITIES as readonly string[]).includes(s);
const severityOf = (labels: readonly string[]): Severity | null => SEVERITIES.find((s) => hasLabel(labels, `alert-severity:${s}`)) ?? null;

/**
 * The SLA targets of a record: the app's own alert record resolves within its alert's severity's
 * remediation target (`alerts.remediation`, the severity the app wrote in the record's state marker),
 * on the same calendar as its priority; any other record keeps `sla.targets`, whatever
 * `alert-severity:` label a person gave it (anyone with triage could otherwise trade a P1's 8-hour
 * resolve target for a 180-day one and silence its escalation), and so does the app's record whose
 * label a person swapped (`alert-severity:critical` for `alert-severity:low`). The clock and
 * escalation then treat it as any resolve target, and the record has no respond target (`respondApplies`).
 */
export function slaFor(subject: SlaSubject, config: ImsConfig): SlaConfig {
  const severity = isSeverity(subject.alertSeverity) ? subject.alertSeverity : null;
  if (!severity) return config.sla;
  const resolve = config.alerts.remediation[severity];
  const targets = { ...config.sla.targets };
  for (const p of PRIORITIES) targets[p] = { ...targets[p], resolve };
  return { ...config.sla, targets };
}

/**
 * Whether the record's clock runs a respond target: not on the app's own alert record with a
 * severity, which is a vulnerability to remediate within its target (27001 A.12.6.1 / 8.8), not an
 * incident to answer within minutes; its priority still orders the work and routes it. Pass it to
 * `computeSla` with `slaFor`'s targets.
 */
export const respondApplies = (subject: SlaSubject): boolean => !isSeverity(subject.alertSeverity);

/** The `alert-severity:` label the clock ignores because the record is not the app's own alert record, or not its alert's severity (null: none). */
export function ignoredSeverityLabel(subject: SlaSubject): string | null {
  const severity = severityOf(subject.labels.filter((l) => l.toLowerCase() !== `alert-severity:${subject.alertSeverity ?? ""}`));
  return severity ? `alert-severity:${severity}` : null;
}
