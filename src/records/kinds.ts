import { hasLabel, sameLabel } from "../core/labels.js";

/**
 * The record kinds: the one home of what makes an issue an incident, a problem or a change record.
 * Pure facts only (this module imports no I/O), so every layer may read it; each layer that does
 * something per kind keeps a `Record<KindId, ...>` table (handlers/kinds.ts, commands/specs.ts `on`,
 * evidence/export/normalise/index.ts), and a new kind does not compile until each has its entry.
 * How to add a kind: src/records/README.md.
 */
export interface KindFacts {
  /** The label that makes an issue a record of this kind (matched case-insensitively, as GitHub does). */
  label: string;
  /** The label's description, set when the app creates it. */
  description: string;
  /** The issue forms (templates/ISSUE_TEMPLATE) that open a record of this kind. */
  forms: readonly string[];
  /** "an incident", for sentences. */
  noun: string;
  /** The evidence kinds the exporter derives from a record of this kind (catalogue order). */
  evidence: readonly string[];
}

export const KINDS = {
  incident: {
    label: "ims:incident",
    description: "IMS incident record (20000-1 8.6.1, 27001 A.16.1 / 5.24-5.26)",
    forms: ["incident.yml", "security-event.yml"],
    noun: "an incident",
    evidence: ["incident-classified", "security-event-assessed", "escalation", "sla-met", "sla-breached", "major-incident-review"],
  },
  problem: {
    label: "ims:problem",
    description: "IMS problem record (20000-1 8.6.3, 27001 A.16.1.6 / 5.27)",
    forms: ["problem.yml"],
    noun: "a problem",
    evidence: ["problem", "known-error"],
  },
  change: {
    label: "ims:change",
    description: "IMS change record (20000-1 8.5.1, 27001 A.12.1.2 / 8.32)",
    forms: ["change.yml"],
    noun: "a change",
    evidence: ["change-approved", "security-review", "emergency-change", "emergency-review", "freeze-exception", "config-change"],
  },
  improvement: {
    label: "ims:improvement",
    description: "IMS improvement record: a service target missed (20000-1 10.2)",
    // opened by `ims-bot report --post`, one per service and period that missed a target
    forms: [],
    noun: "an improvement record",
    evidence: [],
  },
  risk: {
    label: "ims:risk",
    description: "IMS risk record: assessment and treatment (27001 6.1.2, 6.1.3, 8.2, 8.3; 20000-1 6.1)",
    forms: ["risk.yml"],
    noun: "a risk",
    evidence: ["risk-assessed", "risk-accepted", "risk-reviewed"],
  },
} as const satisfies Record<string, KindFacts>;

/** The written-once kind union: "incident" | "problem" | "change" | "improvement". */
export type KindId = keyof typeof KINDS;

/** The kinds in precedence order: an issue carrying two kind labels is the first of them. */
export const KIND_IDS = Object.keys(KINDS) as KindId[];

/** The label of a kind (`ims:incident`). */
export function kindLabel(kind: KindId): string {
  return KINDS[kind].label;
}

/** The issue carries this kind's label (in any case). */
export function isKind(labels: readonly string[], kind: KindId): boolean {
  return hasLabel(labels, KINDS[kind].label);
}

/** The kind a set of labels makes an issue, by precedence; null when it carries no kind label. */
export function kindOf(labels: readonly string[]): KindId | null {
  return KIND_IDS.find((k) => isKind(labels, k)) ?? null;
}

/** This label name is a kind's label (`IMS:Incident` is `incident`'s). */
export function isKindLabel(name: string, kind: KindId): boolean {
  return sameLabel(name, KINDS[kind].label);
}

/** Every evidence kind, kind by kind in precedence order. */
export const ALL_EVIDENCE_KINDS = KIND_IDS.flatMap((k) => KINDS[k].evidence) as Array<(typeof KINDS)[KindId]["evidence"][number]>;
