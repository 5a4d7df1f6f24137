import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

/**
 * What a reader of a rendered Markdown answer actually sees, as plain text, for deciding whether a
 * change-record field is answered and which risk it names. The answer is parsed as CommonMark (the
 * parser decodes character references such as `&nbsp;` and `&#8203;` as GitHub's renderer does);
 * HTML comments, tags and link reference definitions render nothing, and invisible characters are
 * dropped. The text between tags of raw HTML is kept, since a browser shows it: leaving it out would
 * let `<!-- x -->High` read as no risk while the reader sees "High".
 */

// Format characters (Cf: zero-width, bidi controls, soft hyphen), controls and fillers render nothing.
const INVISIBLE = /[\p{Cf}\u0000-\u0008\u000B-\u001F\u007F-\u009F\u115F\u1160\u3164\uFFA0\u2800\u034F\uFE00-\uFE0F]/gu;
const SPACE = /[\p{Zs}\p{Zl}\p{Zp}]/gu;
/** Named limit: answers longer than this are read up to it (a form answer is at most 65,536 characters). */
export const RENDERED_MAX = 70_000;

/** Block-level nodes: their text is kept apart by a line break, so words of two paragraphs never join. */
const BLOCKS: ReadonlySet<string> = new Set(["paragraph", "heading", "blockquote", "list", "listItem", "code", "table", "tableRow", "tableCell", "thematicBreak"]);

/**
 * Walks the tree with a stack of its own, not by recursion: quotes or lists nested tens of thousands
 * deep (one line of `> > > ...`) would overflow the call stack, and a throw here would leave the
 * commit's earlier result standing.
 */
function collect(root: Nodes, out: string[], depth: number): void {
  const todo: Array<Nodes | "\n"> = [root];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (node === "\n") {
      out.push("\n");
      continue;
    }
    switch (node.type) {
      case "html":
        if (depth === 0) collectHtml(node.value, out);
        continue;
      case "definition":
      case "footnoteDefinition":
        continue;
      case "text":
      case "inlineCode":
        out.push(node.value);
        continue;
      case "code":
        out.push("\n", node.value, "\n");
        continue;
      case "image":
        out.push(node.alt ?? "");
        continue;
      case "break":
        out.push("\n");
        continue;
      default:
        break;
    }
    const block = BLOCKS.has(node.type);
    if (block) out.push("\n");
    // pushed in reverse, so children come off the stack in document order, then the closing break
    if (block) todo.push("\n");
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i] as Nodes);
  }
}

// A tag, as CommonMark recognises raw HTML (name, attributes); a comment runs to `-->` or the end.
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/** Raw HTML: comments and tags removed, the text between them read again for its character references. */
function collectHtml(html: string, out: string[]): void {
  const text = html.replace(COMMENT, " ").replace(TAG, " ");
  // indentation or a leading marker in raw HTML is not Markdown; escape it so the parse keeps it as text
  const asText = text.replace(/[\\`*_#>+\-\[\]!<|~]/g, "\\$&").replace(/^[ \t]+/gm, "");
  out.push("\n");
  collect(fromMarkdown(asText), out, 1);
  out.push("\n");
}

/**
 * The visible text of an answer: parsed as Markdown, raw HTML and link reference definitions left
 * out, character references decoded, invisible characters (zero-width, bidi, format) removed.
 * Example: renderedText("&nbsp;<br><!-- x -->") === ""
 */
export function renderedText(answer: string): string {
  const text = answer.slice(0, RENDERED_MAX);
  // most answers are plain sentences: nothing in them can start Markdown or HTML, so they render as written
  return isPlain(text) ? visibleLines(text) : parsedText(text);
}

/** renderedText by the parser alone, whatever the text (renderedText skips it for plain text). */
export function parsedText(text: string): string {
  const out: string[] = [];
  collect(fromMarkdown(text), out, 0);
  return visibleLines(out.join(""));
}

// Letters, digits, spaces and punctuation that start no Markdown construct; a line that starts an
// ordered list item ("1." / "1)") or is indented four spaces (a code block) is parsed.
const PLAIN = /^[\p{L}\p{N} .,;:'"?!/%@$()\n]*$/u;
const MARKERS = /^(?: {0,3}\p{N}{1,9}[.)]| {4})/mu;

/** True when the parser would give back the text itself (see rendered.test.ts's property). */
export function isPlain(text: string): boolean {
  return PLAIN.test(text) && !MARKERS.test(text);
}

function visibleLines(text: string): string {
  return text
    .replace(INVISIBLE, "")
    .replace(SPACE, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** True when the rendered answer shows no text at all (only Markdown syntax, white space or nothing). */
export function rendersEmpty(answer: string): boolean {
  return renderedText(answer) === "";
}
