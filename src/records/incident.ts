import type { ImsConfig } from "../config/schema.js";
import type { Explanation } from "../core/explain.js";
import { renderExplanation } from "../core/explain.js";
import type { IssuePlan } from "../core/plan.js";
import { emptyPlan } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import type { Card, CardSection } from "./card.js";
import type { Classification, ClassificationFacts } from "./classify.js";
import { classify } from "./classify.js";
import { commandsSection } from "./commands-help.js";

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
}

export interface IncidentDecision {
  classification: Classification;
  plan: IssuePlan;
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
  plan.card = { heading: incidentHeading(cls), sections: incidentSections(cls, facts, config), traces: [trace] };
  return { classification: cls, plan };
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
  sections.push({ id: "classification", title: "Classification", body: renderTree(cls.explanation) });
  if (cls.adjustments.length > 0) {
    sections.push({ id: "adjustments", title: "Label changes by ims-bot", body: cls.adjustments.map((a) => `- ${a}`).join("\n") });
  }
  const cia = cls.cia.length ? cls.cia.join(", ") : "none recorded";
  const pd = cls.personalData ? " · personal data involved" : "";
  sections.push({ id: "cia", title: null, body: `**Security impact (CIA):** ${cia}${pd}` });
  if (cls.priority) {
    const t = config.sla.targets[cls.priority];
    sections.push({
      id: "sla-targets",
      title: null,
      body: `**SLA targets (${cls.priority}, ${t.calendar} calendar):** respond within ${t.respond}, resolve within ${t.resolve}`,
    });
  }
  sections.push(commandsSection("incident"));
  return sections;
}

function renderTree(e: Explanation): string {
  return renderExplanation(e);
}

export type { Card };
