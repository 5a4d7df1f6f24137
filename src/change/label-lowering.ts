import type { Level } from "../config/schema.js";
import { RISK_LABEL_PREFIX, TYPE_LABELS } from "./config.js";
import { hasLabel } from "../core/labels.js";

/** The label that records a security incident assessment; removing it un-assesses an incident. */
export const INCIDENT_ASSESSMENT_LABEL = "security:incident";

/** Labels whose change can lower a decision (trigger filtering for the label guard). */
export const GUARDED_LABEL = /^(risk:|change:(standard|normal|emergency)$|security:incident$)/i;

export interface LabelEvent {
  action: "labeled" | "unlabeled";
  label: string;
}

export interface Lowering {
  kind: "risk" | "type" | "assessment";
  /** What the event did, in words ("removed `risk:high`"). */
  what: string;
  /** Why that lowers the decision, in words. */
  why: string;
  /** The labels that put the decision back as it was. */
  undo: { add: string[]; remove: string[] };
}

const RANK: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/** The highest `risk:*` label; null when none. */
function riskOf(labels: readonly string[]): Level | null {
  let best: Level | null = null;
  for (const l of labels) {
    const v = l.toLowerCase().startsWith(RISK_LABEL_PREFIX) ? l.toLowerCase().slice(RISK_LABEL_PREFIX.length) : "";
    if ((v === "low" || v === "medium" || v === "high") && (best === null || RANK[v] > RANK[best])) best = v;
  }
  return best;
}

/**
 * How much review the `change:*` labels demand, in the precedence classify.ts applies (emergency,
 * then normal, then standard). Normal and emergency both need an approval by a named team; standard,
 * and no type label at all (which a standard rule may then cover), need none. A move from the first
 * group to the second is the weakening: `change:normal` removed, or replaced by `change:standard`.
 */
function typeRank(labels: readonly string[]): { rank: number; type: string } {
  if (hasLabel(labels, TYPE_LABELS.emergency)) return { rank: 2, type: "emergency" };
  if (hasLabel(labels, TYPE_LABELS.normal)) return { rank: 2, type: "normal" };
  if (hasLabel(labels, TYPE_LABELS.standard)) return { rank: 1, type: "standard" };
  return { rank: 1, type: "no type (a standard rule may cover it)" };
}

/**
 * Does this label event lower a decision? `labelsAfter` are the labels as the event left them.
 * Risk: the highest `risk:*` label goes down or away. Type: the change type moves to one that needs
 * no approval. Assessment: `security:incident` removed. Adding a label never lowers the risk (the
 * highest wins) and adding a type label never lowers the type (see typeRank).
 * Example: loweringBy(["ims:change"], { action: "unlabeled", label: "risk:high" })?.kind === "risk"
 */
export function loweringBy(labelsAfter: readonly string[], event: LabelEvent): Lowering | null {
  const name = event.label;
  const lower = name.toLowerCase();
  if (!GUARDED_LABEL.test(name)) return null;
  const before = event.action === "labeled" ? labelsAfter.filter((l) => l.toLowerCase() !== lower) : [...labelsAfter, name];
  const what = `${event.action === "labeled" ? "added" : "removed"} \`${name}\``;
  const undo = event.action === "labeled" ? { add: [], remove: [name] } : { add: [name], remove: [] };
  if (lower === INCIDENT_ASSESSMENT_LABEL) {
    return event.action === "unlabeled" ? { kind: "assessment", what, why: "it withdraws the security team's assessment that this is a security incident", undo } : null;
  }
  if (lower.startsWith(RISK_LABEL_PREFIX)) {
    const was = riskOf(before);
    const now = riskOf(labelsAfter);
    if (was === null || (now !== null && RANK[now] >= RANK[was])) return null;
    return { kind: "risk", what, why: now === null ? `it removes the risk level (${was})` : `it lowers the risk from ${was} to ${now}`, undo };
  }
  const was = typeRank(before);
  const now = typeRank(labelsAfter);
  if (now.rank >= was.rank) return null;
  return { kind: "type", what, why: `it changes a ${was.type} change, which needs an approval, to ${now.type}, which needs none`, undo };
}
