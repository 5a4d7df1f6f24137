import { createHash } from "node:crypto";
import type { Trace } from "../core/trace.js";
import { clampTrace, encodeTrace } from "../core/trace.js";

/** One part of a record card: classification, SLA, escalation, links, commands. */
export interface CardSection {
  id: string;
  title: string | null;
  body: string;
}

/** The record card: one bot comment per record, found by its marker, edited only when it changed. */
export interface Card {
  heading: string;
  sections: CardSection[];
  traces: Trace[];
}

export const CARD_MARKER = "<!-- ims-card -->";
const HASH_PREFIX = "<!-- ims-card-hash ";

/** Named limit: GitHub caps a comment body at 65,536 characters. */
export const GITHUB_MAX_COMMENT = 65_536;

/**
 * The content hash covers what the card shows and what each rule decided, not when, on which
 * delivery or from which exact inputs: the same decision reached again does not rewrite the card.
 */
export function cardHash(card: Card): string {
  const stable = {
    heading: card.heading,
    sections: card.sections,
    traces: card.traces.map((t) => ({ rule: t.rule, result: t.result })),
  };
  return createHash("sha256").update(JSON.stringify(stable)).digest("hex").slice(0, 16);
}

/** Renders the card as a comment body: marker, visible Markdown, traces, content hash. */
export function renderCard(card: Card): string {
  const parts = [CARD_MARKER, `### ${card.heading}`];
  for (const s of card.sections) {
    if (!s.body.trim()) continue;
    parts.push(s.title ? `**${s.title}**\n\n${s.body}` : s.body);
  }
  let visible = parts.join("\n\n");
  const hash = `\n${HASH_PREFIX}${cardHash(card)} -->`;
  let tail = card.traces.map(encodeTrace).join("\n") + hash;
  // Traces carry people's text (a form answer can be 65,536 characters, and grows when escaped): cut it to fit.
  if (tail.length > GITHUB_MAX_COMMENT / 2) tail = card.traces.map((t) => encodeTrace(clampTrace(t))).join("\n") + hash;
  const room = GITHUB_MAX_COMMENT - tail.length - 200;
  if (visible.length > room) visible = visible.slice(0, room) + "\n\n_(card truncated: GitHub limits a comment to 65,536 characters)_";
  return `${visible}\n\n${tail}`;
}

/** The hash embedded in a rendered card, or null when the comment is not a card. */
export function embeddedHash(body: string): string | null {
  if (!body.startsWith(CARD_MARKER)) return null;
  const at = body.lastIndexOf(HASH_PREFIX);
  if (at < 0) return null;
  return body.slice(at + HASH_PREFIX.length, at + HASH_PREFIX.length + 16);
}

/** Is this comment body one of the app's record cards? */
export function isCard(body: string | null | undefined): boolean {
  return !!body && body.startsWith(CARD_MARKER);
}
