import { md } from "../core/explain.js";
import type { ImsConfig } from "../config/schema.js";
import { ignoredSeverityLabel, respondApplies, slaFor } from "../alerts/remediation.js";
import { renderExplanation } from "../core/explain.js";
import type { IssuePlan } from "../core/plan.js";
import { emptyPlan } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import type { Card, CardSection } from "./card.js";
import type { Classification, ClassificationFacts } from "./classify.js";
import { classify } from "./classify.js";
import { commandsSection } from "./commands-help.js";
import type { IncidentLiveFacts, LiveDecision } from "./incident-live.js";
import { decideLive } from "./incident-live.js";
import { serviceSections } from "./service-section.js";

/** What an incident decision reads: the issue as GitHub holds it, plus the triggering event. */
export interface IncidentFacts extends ClassificationFacts {
  owner: string;
  repo: string;
  number: number;
  title: string;
  state: "open" | "closed";
  author: string;
  delivery: string | null;
  /** Problems about config, shown on the card (triage then ran on the built-in defaults). */
  configErrors: string[];
  /** The app's own security alert record (IssueFacts.alertRecord). */
  alertRecord: boolean;
  /** Its alert's severity as the app wrote it (IssueFacts.alertSeverity): it sets the remediation target, not the label. */
  alertSeverity: string | null;
  /** History, markers and links (issue 3): with them the decision adds SLA, escalation, security routing and major incidents. */
  live?: IncidentLiveFacts | undefined;
}

export interface IncidentDecision {
  classification: Classification;
  plan: IssuePlan;
  /** The time-based part, when live facts were given. */
  live: LiveDecision | null;
}

/** Classifies an incident record and plans its labels and card (pure: `now` is passed in). */
export function decideIncident(facts: IncidentFacts, config: ImsConfig, now: Date): IncidentDecision {
  const cls = classify(facts, config);
  const plan = emptyPlan(facts.owner, facts.repo, facts.number);
  plan.labels = cls.labels;
  const trace: Trace = {
    v: 1,
    rule: "incident.classify",
    inputs: { labels: [...facts.labels].sort(), impact: cls.impact, urgency: cls.urgency, cia: cls.cia, personalData: cls.personalData, security: cls.security, service: cls.service },
    result: { priority: cls.priority, basePriority: cls.basePriority, missing: cls.missing, cia: cls.cia, needsTriage: cls.missing.length > 0 },
    time: now.toISOString(),
    delivery: facts.delivery,
  };
  const sections = incidentSections(cls, facts, config);
  const svc = serviceSections(cls.service, `${facts.owner}/${facts.repo}`, facts.body, facts.live?.ownText ?? "", config, { now, delivery: facts.delivery });
  const cmd = sections.findIndex((s) => s.id === "commands");
  sections.splice(cmd < 0 ? sections.length : cmd, 0, ...svc.sections);
  plan.card = { heading: incidentHeading(cls), sections, traces: [trace, ...svc.traces] };
  if (!facts.live) return { classification: cls, plan, live: null };
  const planned = facts.labels.filter((l) => !cls.labels.remove.includes(l)).concat(cls.labels.add);
  const live = decideLive(cls, facts, facts.live, planned, config, now);
  plan.labels = mergeDiff(cls.labels, live.labels);
  plan.comments.push(...live.comments);
  plan.assignTeams = live.assignTeams;
  // After the targets line, before the commands (which stay last).
  const at = sections.findIndex((s) => s.id === "commands");
  sections.splice(at < 0 ? sections.length : at, 0, ...live.sections);
  plan.card.traces.push(...live.traces);
  if (live.major) plan.card.heading += " · major incident";
  return { classification: cls, plan, live };
}

function mergeDiff(a: { add: string[]; remove: string[] }, b: { add: string[]; remove: string[] }): { add: string[]; remove: string[] } {
  const add = [...new Set([...a.add, ...b.add])];
  const remove = [...new Set([...a.remove, ...b.remove])].filter((l) => !add.includes(l));
  return { add, remove };
}

function incidentHeading(cls: Classification): string {
  const sec = cls.security === "incident" ? " · information security incident" : cls.security === "event" ? " · security event" : "";
  return `Incident record · ${cls.priority ? `Priority ${cls.priority}` : "needs triage"}${sec}`;
}

function incidentSections(cls: Classification, facts: IncidentFacts, config: ImsConfig): CardSection[] {
  const sections: CardSection[] = [];
  if (facts.configErrors.length > 0) {
    sections.push({
      id: "config",
      title: "⚠️ Configuration problem",
      body: facts.configErrors.map((e) => `- ${e}`).join("\n") + "\n\nTriage used the built-in defaults for this record.",
    });
  }
  sections.push({ id: "classification", title: "Classification", body: renderExplanation(cls.explanation) });
  if (cls.adjustments.length > 0) {
    sections.push({ id: "adjustments", title: "Label changes by ims-bot", body: cls.adjustments.map((a) => `- ${a}`).join("\n") });
  }
  const cia = cls.cia.length ? cls.cia.join(", ") : "none recorded";
  const pd = cls.personalData ? " · personal data involved" : "";
  sections.push({ id: "cia", title: null, body: `**Security impact (CIA):** ${cia}${pd}` });
  if (cls.priority) {
    // the app's own alert record resolves within its severity's remediation target, as its clock runs
    const subject = { labels: facts.labels, alertSeverity: facts.alertSeverity };
    const sla = slaFor(subject, config);
    const t = sla.targets[cls.priority];
    const remediation = sla !== config.sla ? " (the alert's remediation target)" : "";
    const respond = respondApplies(subject) ? `respond within ${t.respond}, ` : "";
    const noRespond = respondApplies(subject) ? "" : "; no respond target";
    const ignored = ignoredSeverityLabel(subject);
    const note = ignored
      ? facts.alertSeverity
        ? `\n\nThe \`${ignored}\` label does not change these targets: they are those of the alert's severity as GitHub reported it (${md(facts.alertSeverity)}).`
        : `\n\nThe \`${ignored}\` label does not change these targets: only a security alert's record that ims-bot opened resolves within an alert's remediation target.`
      : "";
    sections.push({
      id: "sla-targets",
      title: null,
      body: `**SLA targets (${cls.priority}, ${t.calendar} calendar):** ${respond}resolve within ${t.resolve}${remediation}${noRespond}${note}`,
    });
  }
  sections.push(commandsSection("incident"));
  return sections;
}

export type { Card };
