/**
 * Reads the answers of a GitHub issue form from the issue body. GitHub renders each field as a
 * `### Heading` section; an unanswered field reads `_No response_`; checkboxes read `- [X] Option`.
 */
export interface FormAnswers {
  /** Heading (lower-cased, trimmed) -> answer text, or null when unanswered. */
  fields: Map<string, string | null>;
  /** Headings that appear more than once (the first answer is in `fields`; which one a reader means is ambiguous). */
  duplicates: Set<string>;
}

/** Named limit: GitHub caps an issue body at 65,536 characters. */
export const GITHUB_MAX_BODY = 65_536;

const NO_RESPONSE = "_no response_";

/** Parses a form body in one linear pass; never throws, whatever the input. */
export function parseForm(body: string | null | undefined): FormAnswers {
  const fields = new Map<string, string | null>();
  const duplicates = new Set<string>();
  if (!body) return { fields, duplicates };
  const lines = body.slice(0, GITHUB_MAX_BODY * 2).split(/\r?\n/);
  let heading: string | null = null;
  let buf: string[] = [];
  let inFence = false;
  const flush = () => {
    if (heading === null) return;
    const text = buf.join("\n").trim();
    if (fields.has(heading)) duplicates.add(heading);
    else fields.set(heading, text === "" || text.toLowerCase() === NO_RESPONSE ? null : text);
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = inFence ? null : headingOf(line);
    if (h !== null) {
      flush();
      heading = h;
      buf = [];
      inFence = false;
    } else if (heading !== null) {
      buf.push(line);
    }
  }
  flush();
  return { fields, duplicates };
}

function headingOf(line: string): string | null {
  if (!line.startsWith("### ")) return null;
  let end = line.length;
  while (end > 4 && (line[end - 1] === "#" || /\s/.test(line[end - 1]!))) end--;
  const text = line.slice(4, end).trim();
  return text ? normaliseHeading(text) : null;
}

/** Lower-cased, trimmed heading with inner white space folded: "  Affected  Service " -> "affected service". */
export function normaliseHeading(h: string): string {
  return h.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The answer to a field, or null when absent or unanswered. */
export function answer(form: FormAnswers, heading: string): string | null {
  return form.fields.get(normaliseHeading(heading)) ?? null;
}

/** The ticked options of a checkboxes field: "- [X] Integrity" -> ["integrity"] (lower-cased). */
export function ticked(form: FormAnswers, heading: string): string[] {
  const text = answer(form, heading);
  if (!text) return [];
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*[-*]\s*\[[xX]\]\s(.*)$/.exec(line);
    const option = m?.[1]?.trim();
    if (option) out.push(option.toLowerCase());
  }
  return out;
}
