import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

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

// Where the headings are is decided by block structure alone; inline parsing (emphasis, links) is
// never needed for it, and its worst cases take seconds on a body of GitHub's maximal size.
const BLOCKS_ONLY = { disable: { null: ["attention", "autolink", "characterEscape", "characterReference", "codeText", "hardBreakEscape", "htmlText", "labelEnd", "labelStartImage", "labelStartLink"] } };

/**
 * Parses a form body; never throws, whatever the input. The body is parsed as CommonMark, and only
 * `###` headings at the top level of the document split it into fields: a heading inside an HTML
 * comment, a code block, a quote or a list renders as no heading (or none at all), so it must not
 * answer a field the reader cannot see as one.
 */
export function parseForm(body: string | null | undefined): FormAnswers {
  const fields = new Map<string, string | null>();
  const duplicates = new Set<string>();
  if (!body) return { fields, duplicates };
  const text = shallowQuotes(body.slice(0, GITHUB_MAX_BODY * 2).replace(/\r\n?/g, "\n"));
  const sections: Array<{ heading: string; from: number; to: number }> = [];
  for (const node of fromMarkdown(text, { extensions: [BLOCKS_ONLY] }).children) {
    if (node.type !== "heading" || node.depth !== 3) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const heading = headingOf(text.slice(start, end).trimStart());
    if (heading === null) continue;
    const last = sections.at(-1);
    if (last) last.to = start;
    sections.push({ heading, from: end, to: text.length });
  }
  for (const { heading, from, to } of sections) {
    const answer = text.slice(from, to).trim();
    if (fields.has(heading)) duplicates.add(heading);
    else fields.set(heading, answer === "" || answer.toLowerCase() === NO_RESPONSE ? null : answer);
  }
  return { fields, duplicates };
}

/** Named limit: quote depth kept; the parser's time grows with the square of it (30,000 deep take seconds). */
const QUOTE_DEPTH_MAX = 100;
const DEEP_QUOTE = new RegExp(`^[ \\t]*(?:>[ \\t]*){${QUOTE_DEPTH_MAX + 1},}`, "gm");

/**
 * Quotes nested deeper than QUOTE_DEPTH_MAX, cut to that depth. Which lines are top-level headings
 * does not depend on it: a `###` line continues no quote, however deep.
 */
function shallowQuotes(text: string): string {
  return text.replace(DEEP_QUOTE, "> ".repeat(QUOTE_DEPTH_MAX));
}

function headingOf(line: string): string | null {
  const m = /^###[ \t]/.exec(line);
  if (!m) return null;
  let end = line.length;
  while (end > 4 && (line[end - 1] === "#" || /\s/.test(line[end - 1]!))) end--;
  const text = visibleHeading(line.slice(4, end).trim());
  return text ? normaliseHeading(text) : null;
}

/** Named limit: heading text read as Markdown (longer headings are taken as written; no form has one). */
const HEADING_MAX = 500;
// Format characters (zero-width, bidi controls) render nothing.
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;

/**
 * The heading as a reader sees it: `R<!-- -->isk`, `R&#105;sk` and `**Risk**` all show "Risk", so a
 * second Risk heading written that way is a second Risk heading (ambiguous), not another field.
 */
function visibleHeading(text: string): string {
  if (text.length > HEADING_MAX || !/[<&*_`\[\]!\\~]|[^\x00-\x7F]/.test(text)) return text;
  return toString(fromMarkdown(text), { includeHtml: false }).replace(INVISIBLE, "").trim();
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
