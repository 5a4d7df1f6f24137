import type { Level } from "../config/schema.js";
import type { ChangeRecordFound } from "./facts.js";
import { RISK_FIELD, RISK_LABEL_PREFIX, TYPE_LABELS } from "./config.js";
import { hasLabel } from "../core/labels.js";
import { renderedText, rendersEmpty } from "./rendered.js";

export type ChangeType = "standard" | "normal" | "emergency";

export interface TypeDecision {
  /** null: no type label anywhere; the policy then tries the standard rules and falls back to normal. */
  type: ChangeType | null;
  /** Where the type came from, in words. */
  source: string;
}

export interface RiskDecision {
  /** The highest level found; null when none was given. */
  level: Level | null;
  sources: string[];
}

const RANK: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/**
 * The change type from `change:*` labels on the pull request or its change records. Emergency wins
 * (it is the path the issue reserves for going in at once); otherwise the stricter normal beats standard.
 */
export function changeType(prLabels: string[], records: Array<ChangeRecordFound & { name: string }>): TypeDecision {
  for (const type of ["emergency", "normal", "standard"] as const) {
    const label = TYPE_LABELS[type];
    const where: string[] = [];
    if (hasLabel(prLabels, label)) where.push("the pull request");
    for (const r of records) if (hasLabel(r.labels, label)) where.push(r.name);
    if (where.length > 0) return { type, source: `label ${label} on ${where.join(", ")}` };
  }
  return { type: null, source: "no change:* label" };
}

/** The risk level: the highest of `risk:*` labels (pull request, records) and the records' Risk answers. */
export function changeRisk(prLabels: string[], records: Array<ChangeRecordFound & { name: string }>): RiskDecision {
  let level: Level | null = null;
  const sources: string[] = [];
  const see = (l: Level, source: string): void => {
    sources.push(`${l} (${source})`);
    if (level === null || RANK[l] > RANK[level]) level = l;
  };
  for (const l of riskLabels(prLabels)) see(l, "label on the pull request");
  for (const r of records) {
    for (const l of riskLabels(r.labels)) see(l, `label on ${r.name}`);
    const answer = fieldValue(r.fields, RISK_FIELD);
    // only what the reader sees decides: a hidden `[low]: #` or "Hi&#8203;gh" must not read as low
    const parsed = answer ? riskFromText(renderedText(answer)) : null;
    if (parsed) see(parsed, `${RISK_FIELD} answered on ${r.name}`);
  }
  return { level, sources };
}

function riskLabels(labels: string[]): Level[] {
  const out: Level[] = [];
  for (const l of labels) {
    const lower = l.toLowerCase();
    if (!lower.startsWith(RISK_LABEL_PREFIX)) continue;
    const v = lower.slice(RISK_LABEL_PREFIX.length);
    if (v === "low" || v === "medium" || v === "high") out.push(v);
  }
  return out;
}

/** The highest level a free-text answer names ("Medium - touches auth" -> medium); null when none. */
export function riskFromText(text: string): Level | null {
  let best: Level | null = null;
  for (const m of text.toLowerCase().matchAll(/\b(low|medium|high)\b/g)) {
    const l = m[1] as Level;
    if (best === null || RANK[l] > RANK[best]) best = l;
  }
  return best;
}

/**
 * An issue-form answer by heading (case and surrounding space ignored); null when unanswered. What a
 * reader cannot see does not answer: HTML comments (a template's placeholder) are dropped, and an
 * answer that renders empty (code-fence lines, entities such as `&nbsp;`, empty tags, `<br>`,
 * zero-width or bidi characters, Markdown punctuation alone) is unanswered.
 */
export function fieldValue(fields: Record<string, string | null>, heading: string): string | null {
  const want = heading.trim().toLowerCase();
  for (const [k, v] of Object.entries(fields)) {
    if (k.trim().toLowerCase() !== want) continue;
    const text = (v ?? "").replace(/<!--[\s\S]*?(?:-->|$)/g, "").trim();
    // GitHub's form writes `_No response_` for an empty answer; rendered, that is "No response"
    return rendersEmpty(text) || text === "_No response_" || renderedText(text) === "No response" ? null : text;
  }
  return null;
}
