import type { ImsConfig, Level, Priority } from "../config/schema.js";
import { LEVELS, PRIORITIES } from "../config/schema.js";
import type { Explanation } from "../core/explain.js";
import { md } from "../core/explain.js";
import { answer, parseForm, ticked } from "./form.js";

export type Cia = "confidentiality" | "integrity" | "availability";
export const CIA: readonly Cia[] = ["confidentiality", "integrity", "availability"];

/** What classification reads: the labels and body, and (on a label event) who changed which label. */
export interface ClassificationFacts {
  labels: string[];
  body: string | null;
  /** The label event being handled, if any (its sender is named in the card when a label is undone). */
  labelEvent?: { action: "labeled" | "unlabeled"; name: string; sender: string } | undefined;
}

export interface Classification {
  impact: Level | null;
  urgency: Level | null;
  /** Derived priority; null while triage is incomplete. */
  priority: Priority | null;
  /** Matrix priority before any security raise. */
  basePriority: Priority | null;
  cia: Cia[];
  personalData: boolean;
  security: "event" | "incident" | "not-incident" | null;
  service: string | null;
  missing: string[];
  labels: { add: string[]; remove: string[] };
  /** What the app did about conflicting labels, in words for the card. */
  adjustments: string[];
  explanation: Explanation;
}

const rank = (p: Priority) => PRIORITIES.indexOf(p);
const severity = (l: Level) => LEVELS.indexOf(l); // 0 = high

/** Reads "High", "high - whole service down", "**Medium**" as a level; anything else is null. */
export function parseLevel(text: string | null): Level | null {
  if (!text) return null;
  const word = /[a-z]+/i.exec(text)?.[0]?.toLowerCase();
  return (LEVELS as readonly string[]).includes(word ?? "") ? (word as Level) : null;
}

/** Raises a priority by n levels, never above P1. Example: raise("P3", 1) === "P2". */
export function raise(p: Priority, n: number): Priority {
  return PRIORITIES[Math.max(0, rank(p) - n)]!;
}

/** The integrated classification of one incident record (pure). */
export function classify(facts: ClassificationFacts, config: ImsConfig): Classification {
  const c = config.classification;
  const form = parseForm(facts.body);
  const labels = new Set(facts.labels);
  const add = new Set<string>();
  const remove = new Set<string>();
  const adjustments: string[] = [];
  const nodes: Explanation[] = [];

  const pick = (axis: "impact" | "urgency", heading: string): Level | null => {
    const fromLabels = LEVELS.filter((l) => labels.has(`${axis}:${l}`));
    if (fromLabels.length > 0) {
      const sorted = [...fromLabels].sort((a, b) => severity(a) - severity(b));
      const keep = c.conflict === "highest" ? sorted[0]! : sorted[sorted.length - 1]!;
      for (const l of fromLabels) if (l !== keep) remove.add(`${axis}:${l}`);
      if (fromLabels.length > 1) {
        adjustments.push(
          `Several \`${axis}:\` labels were set (${fromLabels.join(", ")}): kept \`${axis}:${keep}\` ` +
            `(rule: ${c.conflict === "highest" ? "the most severe wins" : "the least severe wins"}) and removed the others.`,
        );
      }
      nodes.push({ status: "pass", label: `${axis} ${keep}`, detail: `from the label \`${axis}:${keep}\` (a label set by a person wins over the form)` });
      return keep;
    }
    const raw = answer(form, heading);
    const level = parseLevel(raw);
    if (level) nodes.push({ status: "pass", label: `${axis} ${level}`, detail: `from the form field "${md(heading)}"` });
    else if (raw) nodes.push({ status: "fail", label: `${axis} unknown`, detail: `the form field "${md(heading)}" reads "${md(raw.slice(0, 80))}", expected High, Medium or Low` });
    else nodes.push({ status: "fail", label: `${axis} missing`, detail: `answer "${md(heading)}" in the form or add a label \`${axis}:high\`, \`${axis}:medium\` or \`${axis}:low\`` });
    return level;
  };

  const impact = pick("impact", c.fields.impact);
  const urgency = pick("urgency", c.fields.urgency);

  const ticks = ticked(form, c.fields.securityImpact);
  const cia = CIA.filter((k) => labels.has(`cia:${k}`) || ticks.includes(k));
  for (const k of cia) if (!labels.has(`cia:${k}`)) add.add(`cia:${k}`);
  const personalData = ticks.some((t) => t.startsWith("personal data"));
  const security = labels.has("security:incident")
    ? "incident"
    : labels.has("security:not-incident")
      ? "not-incident"
      : labels.has("security:event")
        ? "event"
        : null;

  const missing: string[] = [];
  if (!impact) missing.push(c.fields.impact);
  if (!urgency) missing.push(c.fields.urgency);
  if (security === "incident" && cia.length === 0) {
    missing.push(`${c.fields.securityImpact} (a confirmed security incident needs at least one of confidentiality, integrity, availability)`);
    nodes.push({ status: "fail", label: "CIA impact missing", detail: "a confirmed security incident needs at least one `cia:` label or ticked box" });
  }

  let basePriority: Priority | null = null;
  let priority: Priority | null = null;
  if (impact && urgency) {
    basePriority = c.matrix[impact][urgency];
    priority = basePriority;
    nodes.push({ status: "pass", label: `matrix: impact ${impact} × urgency ${urgency} → ${basePriority}` });
    if (security === "incident" && cia.includes("confidentiality") && personalData && c.personalDataRaise > 0) {
      priority = raise(basePriority, c.personalDataRaise);
      nodes.push({
        status: "pass",
        label: `raised ${basePriority} → ${priority}`,
        detail: "confirmed security incident with confidentiality impact on personal data",
      });
    }
  }

  const wanted = priority ? `priority:${priority}` : null;
  const present = PRIORITIES.map((p) => `priority:${p}`).filter((n) => labels.has(n));
  for (const p of PRIORITIES) {
    const name = `priority:${p}`;
    if (name === wanted && !labels.has(name)) add.add(name);
    if (name !== wanted && labels.has(name)) {
      remove.add(name);
      const ev = facts.labelEvent;
      const byPerson = ev && ev.action === "labeled" && ev.name === name;
      // A lone stale priority is the app's own earlier derivation: replacing it needs no note.
      if (!byPerson && present.length === 1) continue;
      const who = byPerson ? ` set by @\u200b${md(ev.sender)}` : "";
      adjustments.push(
        wanted
          ? `Removed \`${name}\`${who}: the priority is derived from impact × urgency; change \`impact:\` or \`urgency:\` labels to change it.`
          : `Removed \`${name}\`${who}: no priority until triage is complete.`,
      );
    }
  }
  if (missing.length > 0 && !labels.has("needs-triage")) add.add("needs-triage");
  if (missing.length === 0 && labels.has("needs-triage")) remove.add("needs-triage");

  const explanation: Explanation = {
    status: missing.length ? "fail" : "pass",
    label: missing.length ? "Classification incomplete (needs-triage)" : `Priority ${priority ?? "none"}`,
    detail: missing.length ? `missing: ${missing.map(md).join("; ")}` : undefined,
    children: nodes,
  };
  return {
    impact,
    urgency,
    priority,
    basePriority,
    cia,
    personalData,
    security,
    service: answer(form, c.fields.service),
    missing,
    labels: { add: [...add], remove: [...remove] },
    adjustments,
    explanation,
  };
}
