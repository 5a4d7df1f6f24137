/**
 * Links between records live in GitHub itself: the app writes a hidden marker in a comment on each
 * side, so any instance derives the same links from the app's own comments (never from memory).
 */
export type LinkRel = "problem" | "incident" | "review" | "risk" | "change";

export interface Link {
  rel: LinkRel;
  /** Issue number in the same repository. */
  number: number;
}

/** The links of one record, by kind of the other side. */
export interface RecordLinks {
  problems: number[];
  incidents: number[];
  reviews: number[];
  /** Risk records linked (issue 13 §2). */
  risks?: number[];
  /** Change records linked from a risk record. */
  changes?: number[];
}

const MARKER = /<!-- ims-link rel=(problem|incident|review|risk|change) to=(\d+)(?: via=[^\s<>]+)? -->/g;

/**
 * The marker written on a record that links to `number`. `via` names what made the link (a command
 * comment id, a trend, a close) so a redelivery finds its own earlier work.
 * Example: linkMarker("problem", 7) === "<!-- ims-link rel=problem to=7 -->".
 */
export function linkMarker(rel: LinkRel, number: number, via?: string): string {
  return `<!-- ims-link rel=${rel} to=${number}${via ? ` via=${encodeURIComponent(via)}` : ""} -->`;
}

/** Every link marker in a text (the app's own comments joined), deduplicated, in order of first mention. */
export function parseLinks(text: string): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const m of text.matchAll(MARKER)) {
    const key = `${m[1]}#${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rel: m[1] as LinkRel, number: Number(m[2]) });
  }
  return out;
}

/** Groups the links found in the app's own comments of a record. */
export function linksOf(ownText: string): RecordLinks {
  const links = parseLinks(ownText);
  const pick = (rel: LinkRel) => [...new Set(links.filter((l) => l.rel === rel).map((l) => l.number))].sort((a, b) => a - b);
  return { problems: pick("problem"), incidents: pick("incident"), reviews: pick("review"), risks: pick("risk"), changes: pick("change") };
}

/** Was a link made by this `via` (a command comment, a trend run) already? */
export function hasVia(ownText: string, via: string): boolean {
  return ownText.includes(` via=${encodeURIComponent(via)} -->`);
}
