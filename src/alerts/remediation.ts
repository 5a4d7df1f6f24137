import { ALERT_SEVERITIES, PRIORITIES, type ImsConfig, type SlaConfig } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";

/**
 * The SLA targets of a record: a security alert's record (`alert-severity:<s>`) resolves within its
 * severity's remediation target (`alerts.remediation`), on the same calendar as its priority; any
 * other record keeps `sla.targets`. The clock and escalation then treat it as any resolve target.
 */
export function slaFor(labels: readonly string[], config: ImsConfig): SlaConfig {
  const severity = [...ALERT_SEVERITIES, "secret" as const].find((s) => hasLabel(labels, `alert-severity:${s}`));
  if (!severity) return config.sla;
  const resolve = config.alerts.remediation[severity];
  const targets = { ...config.sla.targets };
  for (const p of PRIORITIES) targets[p] = { ...targets[p], resolve };
  return { ...config.sla, targets };
}
