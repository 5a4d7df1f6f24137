/**
 * The text of a Markdown body a reader actually sees as prose: fenced code blocks, inline code spans
 * and HTML comments are blanked out, so a link hidden there cannot make or break a change.
 * Linear time on any input. Indented (4-space) code blocks are not recognised: telling them from
 * nested list content needs a full Markdown parser, and a link there stays visible to reviewers.
 */
const FENCE_OPEN = /( {0,3})(`{3,}|~{3,})([^\n]*)/y;

export function visibleText(text: string): string {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  let lineEnd = -1;
  let spans = new Map<number, number>();
  while (i < n) {
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      const fenceEnd = skipFence(text, i);
      if (fenceEnd > i) {
        out.push("\n");
        i = fenceEnd;
        continue;
      }
    }
    if (i > lineEnd) {
      lineEnd = text.indexOf("\n", i);
      if (lineEnd < 0) lineEnd = n;
      spans = codeSpans(text, i, lineEnd);
    }
    const ch = text.charCodeAt(i);
    if (ch === 60 /* < */ && text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      out.push(" ");
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (ch === 96 /* ` */) {
      const end = spans.get(i);
      if (end !== undefined) {
        out.push(" ");
        i = end;
        continue;
      }
      // an unmatched run is literal text: copy the whole run so its tail is not read as a new opener
      let j = i;
      while (j < n && text.charCodeAt(j) === 96) j++;
      out.push(text.slice(i, j));
      i = j;
      continue;
    }
    out.push(text[i]!);
    i++;
  }
  return out.join("");
}

/** If a fenced code block opens at `start`, the index just past its closing line (or the end). */
function skipFence(text: string, start: number): number {
  FENCE_OPEN.lastIndex = start;
  const m = FENCE_OPEN.exec(text);
  if (!m) return start;
  const marker = m[2]!;
  if (marker[0] === "`" && m[3]!.includes("`")) return start;
  let at = start + m[0].length;
  while (at < text.length) {
    const lineStart = at + 1;
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (closesFence(text, lineStart, lineEnd, marker)) return lineEnd;
    at = lineEnd;
  }
  return text.length;
}

function closesFence(text: string, from: number, to: number, marker: string): boolean {
  let i = from;
  while (i < to && i - from < 4 && text[i] === " ") i++;
  if (i - from > 3) return false;
  let run = 0;
  while (i < to && text[i] === marker[0]) {
    run++;
    i++;
  }
  if (run < marker.length) return false;
  while (i < to && (text[i] === " " || text[i] === "\t" || text[i] === "\r")) i++;
  return i === to;
}

/** Code spans on one line: opener index -> index just past the matching closer (same run length). */
function codeSpans(text: string, from: number, to: number): Map<number, number> {
  const runs: Array<[number, number]> = [];
  for (let i = from; i < to; ) {
    if (text.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    const s = i;
    while (i < to && text.charCodeAt(i) === 96) i++;
    runs.push([s, i - s]);
  }
  const nextSame: Array<number | undefined> = new Array(runs.length);
  const lastByLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const len = runs[k]![1];
    nextSame[k] = lastByLength.get(len);
    lastByLength.set(len, k);
  }
  const spans = new Map<number, number>();
  for (let k = 0; k < runs.length; ) {
    const j = nextSame[k];
    if (j === undefined) {
      k++;
      continue;
    }
    const closer = runs[j]!;
    spans.set(runs[k]![0], closer[0] + closer[1]);
    k = j + 1;
  }
  return spans;
}
