/** Hidden marker the bot writes into the comment that performs an escalation, so any instance can see it was done. */
const MARKER = /<!-- ims-escalated level=([^\s<>]+) -->/g;

/**
 * Renders the hidden marker for an escalation level. The name is URI-encoded, so spaces and `-->`
 * cannot break the comment. Example: escalationMarker("resolver team") === "<!-- ims-escalated level=resolver%20team -->".
 */
export function escalationMarker(level: string): string {
  return `<!-- ims-escalated level=${encodeURIComponent(level)} -->`;
}

/** Level names of every escalation marker found in a text (e.g. all the bot's comments joined); damaged ones are skipped. */
export function parseEscalationMarkers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(MARKER)) {
    try {
      found.push(decodeURIComponent(m[1]!));
    } catch {
      // not a marker we wrote: a hand-edited or truncated comment
    }
  }
  return [...new Set(found)];
}
