import { ALERT_SEVERITIES, PRIORITIES, type AlertSeverity, type ImsConfig, type SlaConfig } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";

/**
 * What a record's SLA targets are read from: its labels, and whether it is one of the app's own alert
 * records (the app opened the issue and its body carries the alert's marker: `isOwnComment` and
 * `alertKeyIn`, read where the issue is read). Only then does an `alert-severity:` label count.
 */
export interface SlaSubject {
  labels: readonly string[];
  alertRecord: boolean;
}

type Severity = AlertSeverity | "secret";

const severityOf = (labels: readonly string[]): Severity | null => [...ALERT_SEVERITIES, "secret" as const].find((s) => hasLabel(labels, `alert-severity:${s}`)) ?? null;

/**
 * The SLA targets of a record: the app's own alert record (`alert-severity:<s>`) resolves within its
 * severity's remediation target (`alerts.remediation`), on the same calendar as its priority; any
 * other record keeps `sla.targets`, whatever `alert-severity:` label a person gave it (anyone with
 * triage could otherwise trade a P1's 8-hour resolve target for a 180-day one and silence its
 * escalation). The clock and escalation then treat it as any resolve target, and the record has no
 * respond target (`respondApplies`).
 */
export function slaFor(subject: SlaSubject, config: ImsConfig): SlaConfig {
  const severity = subject.alertRecord ? severityOf(subject.labels) : null;
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
export const respondApplies = (subject: SlaSubject): boolean => !(subject.alertRecord && severityOf(subject.labels) !== null);

/** The `alert-severity:` label the clock ignores because the record is not the app's own alert record (null: none). */
export function ignoredSeverityLabel(subject: SlaSubject): string | null {
  if (subject.alertRecord) return null;
  const severity = severityOf(subject.labels);
  return severity ? `alert-severity:${severity}` : null;
}
