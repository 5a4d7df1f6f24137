import { KIND_IDS, KINDS } from "./kinds.js";

/** Every label the app sets, with one colour per family and a description, created on first use. */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** Named limit: an issue holds at most 100 labels. */
export const GITHUB_MAX_LABELS = 100;

const family = (color: string, entries: Array<[string, string]>): LabelSpec[] =>
  entries.map(([name, description]) => ({ name, color, description }));

export const LABELS: readonly LabelSpec[] = [
  ...family("5319e7", KIND_IDS.map((k): [string, string] => [KINDS[k].label, KINDS[k].description])),
  ...family("b60205", [["priority:P1", "Priority 1 (critical): impact x urgency, set by ims-bot"]]),
  ...family("d93f0b", [["priority:P2", "Priority 2 (high): impact x urgency, set by ims-bot"]]),
  ...family("fbca04", [["priority:P3", "Priority 3 (medium): impact x urgency, set by ims-bot"]]),
  ...family("0e8a16", [["priority:P4", "Priority 4 (low): impact x urgency, set by ims-bot"]]),
  ...family("c5def5", [
    ["impact:high", "Impact: high (overrides the form answer)"],
    ["impact:medium", "Impact: medium (overrides the form answer)"],
    ["impact:low", "Impact: low (overrides the form answer)"],
    ["urgency:high", "Urgency: high (overrides the form answer)"],
    ["urgency:medium", "Urgency: medium (overrides the form answer)"],
    ["urgency:low", "Urgency: low (overrides the form answer)"],
  ]),
  ...family("1d76db", [
    ["cia:confidentiality", "Security impact on confidentiality"],
    ["cia:integrity", "Security impact on integrity"],
    ["cia:availability", "Security impact on availability"],
  ]),
  ...family("e99695", [
    ["security:event", "Information security event: to be assessed by the security team"],
    ["security:incident", "Confirmed information security incident"],
    ["security:not-incident", "Assessed by the security team: not an information security incident"],
  ]),
  ...family("6f42c1", [
    ["source:dependabot", "Security event raised by a Dependabot alert"],
    ["source:code-scanning", "Security event raised by a code scanning alert"],
    ["source:secret-scanning", "Security event raised by a secret scanning alert"],
    ["alert-severity:critical", "Security alert severity: critical (remediation target from alerts.remediation)"],
    ["alert-severity:high", "Security alert severity: high (remediation target from alerts.remediation)"],
    ["alert-severity:medium", "Security alert severity: medium (remediation target from alerts.remediation)"],
    ["alert-severity:low", "Security alert severity: low (remediation target from alerts.remediation)"],
    ["alert-severity:secret", "Secret scanning alert (remediation target from alerts.remediation)"],
    ["needs-security-review", "A security alert was dismissed without a reason or a written justification: the security team decides"],
  ]),
  ...family("ededed", [
    ["needs-triage", "Classification incomplete: see the record card"],
    ["status:waiting", "Waiting on the reporter or a third party: SLA clock paused"],
  ]),
  ...family("ff9f1c", [["sla:at-risk", "SLA target at risk"]]),
  ...family("d4c5f9", [
    ["escalation:functional", "Escalated to a specialist group (functional escalation reached)"],
    ["escalation:hierarchical", "Escalated to management (hierarchical escalation reached)"],
  ]),
  ...family("b60205", [
    ["sla:breached", "SLA target breached"],
    ["major-incident", "Major incident: management informed, post-incident review required"],
    ["change:failed", "Change outcome failed: its deployment failed or was rolled back"],
  ]),
  ...family("0052cc", [
    ["known-error", "Problem with a known root cause or workaround"],
    ["change:standard", "Standard change: pre-approved"],
    ["change:normal", "Normal change: assessed and approved"],
    ["change:emergency", "Emergency change: reviewed after implementation"],
    ["risk:low", "Change risk: low"],
    ["risk:medium", "Change risk: medium"],
    ["risk:high", "Change risk: high (needs a second approval)"],
    ["ims:post-incident-review", "Post-incident or post-implementation review"],
    ["ims:service-report", "Service report of a period (20000-1 9.4), posted by ims-bot report --post"],
  ]),
  // the risk register (issue 13 §2): set by ims-bot from the form and risks.matrix
  ...family("0e8a16", [["risk-level:low", "Risk level low (likelihood x impact, set by ims-bot)"]]),
  ...family("fbca04", [["risk-level:medium", "Risk level medium (likelihood x impact, set by ims-bot)"]]),
  ...family("d93f0b", [["risk-level:high", "Risk level high (likelihood x impact, set by ims-bot)"]]),
  ...family("b60205", [["risk-level:critical", "Risk level critical (likelihood x impact, set by ims-bot)"]]),
  ...family("bfdadc", [
    ["treatment:accept", "Risk treatment: accept (from the form)"],
    ["treatment:mitigate", "Risk treatment: mitigate (from the form)"],
    ["treatment:transfer", "Risk treatment: transfer (from the form)"],
    ["treatment:avoid", "Risk treatment: avoid (from the form)"],
    ["risk:accepted", "Risk accepted (recorded by ims-bot: who, when, why on the card)"],
    ["risk:acceptance-required", "Risk treatment accept needs /ims accept-risk by an acceptor"],
    ["risk:review-overdue", "Risk review date passed"],
  ]),
];

const BY_NAME: ReadonlyMap<string, LabelSpec> = new Map(LABELS.map((l) => [l.name.toLowerCase(), l]));

/** The spec of a label the app uses; unknown names get a neutral colour. */
export function labelSpec(name: string): LabelSpec {
  return BY_NAME.get(name.toLowerCase()) ?? { name, color: "ededed", description: "ims-bot" };
}
