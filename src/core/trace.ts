import { BIDI_CONTROLS } from "./bidi.js";

/**
 * Every decision the app takes leaves a machine-readable trace in what it writes to GitHub
 * (record card, check-run summary), as JSON inside an HTML comment, so the evidence exporter can
 * collect it from GitHub alone.
 */
export interface Trace {
  v: 1;
  /** The rule that decided, e.g. "incident.classify", "change.gate", "sla.escalate". */
  rule: string;
  /** The facts the rule read (plain data). */
  inputs: Record<string, unknown>;
  /** What it decided (plain data). */
  result: Record<string, unknown>;
  /** ISO time of the decision. */
  time: string;
  /** The webhook delivery id (X-GitHub-Delivery) or the sweep id that triggered it; null when unknown. */
  delivery: string | null;
}

/** One bidi control (see BIDI_CONTROLS), without the global flag so `test` keeps no state. */
const BIDI = new RegExp(BIDI_CONTROLS.source);
const OPEN = "<!-- ims-trace ";
const CLOSE = " -->";

/** JSON that can sit inside an HTML comment whatever strings it carries ("-->" cannot occur). */
export function encodeTrace(trace: Trace): string {
  return OPEN + commentSafeJson(trace) + CLOSE;
}

/**
 * JSON.stringify, with `-`, `<` and `>` inside strings written as \u escapes (still valid JSON); bidi
 * controls too, so the comment's source shows no reordered text and the trace keeps what was read.
 */
export function commentSafeJson(value: unknown): string {
  const json = JSON.stringify(value);
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (inString && ch === "\\") {
      out += ch + json[i + 1]!;
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    if (inString && (ch === "-" || ch === "<" || ch === ">" || BIDI.test(ch))) {
      out += "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
      continue;
    }
    out += ch;
  }
  return out;
}

/** Named limit: a string in a trace longer than this is cut when the trace must fit a comment. */
export const TRACE_STRING_MAX = 500;

/**
 * The trace with every string longer than `max` cut, saying how much was cut: people's text (a
 * 65,536-character form answer) must not make the comment carrying the trace too long for GitHub.
 */
export function clampTrace(trace: Trace, max = TRACE_STRING_MAX): Trace {
  const clamp = (v: unknown): unknown => {
    if (typeof v === "string") return v.length > max ? `${v.slice(0, max)}… (${v.length - max} more characters)` : v;
    if (Array.isArray(v)) return v.map(clamp);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clamp(x)]));
    return v;
  };
  return { ...trace, inputs: clamp(trace.inputs) as Trace["inputs"], result: clamp(trace.result) as Trace["result"] };
}

/** All traces found in a text (comment body or check-run summary); malformed ones are skipped. */
export function decodeTraces(text: string): Trace[] {
  const found: Trace[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(OPEN, at);
    if (start < 0) break;
    const end = text.indexOf(CLOSE, start + OPEN.length);
    if (end < 0) break;
    try {
      const t = JSON.parse(text.slice(start + OPEN.length, end)) as Trace;
      if (t && t.v === 1 && typeof t.rule === "string") found.push(t);
    } catch {
      // not ours, or damaged: the exporter reports only traces that parse
    }
    at = end + CLOSE.length;
  }
  return found;
}
