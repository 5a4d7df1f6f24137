/**
 * Unicode bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069)
 * and the marks U+200E, U+200F, U+061C. In people's text they reorder what a reader sees (Trojan
 * Source, CVE-2021-42574): an answer or a name can show one thing and say another.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text without bidi controls, for anything the app renders from people's text. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
