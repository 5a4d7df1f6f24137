import { stripBidi } from "./bidi.js";

/**
 * A decision explains itself as a small tree: what was checked, the values seen, and whether it held.
 * The same tree renders the record card, the check-run summary and the evidence entry.
 */
export type Status = "pass" | "fail" | "pending" | "info" | "skip";

export interface Explanation {
  status: Status;
  /** What was checked, e.g. "security review at the head commit". */
  label: string;
  /** The values seen, in words: "approved by @alice at 1a2b3c4". */
  detail?: string;
  children?: Explanation[];
}

const ICON: Record<Status, string> = { pass: "✅", fail: "❌", pending: "⏳", info: "ℹ️", skip: "➖" };

/** Renders the tree as a nested Markdown list; every piece of user text is escaped by the caller via `md`. */
export function renderExplanation(node: Explanation, depth = 0): string {
  const pad = "  ".repeat(depth);
  const detail = node.detail ? `: ${node.detail}` : "";
  const line = `${pad}- ${ICON[node.status]} ${node.label}${detail}`;
  const kids = (node.children ?? []).map((c) => renderExplanation(c, depth + 1));
  return [line, ...kids].join("\n");
}

/** Worst status of a set: fail > pending > pass; info and skip are neutral. */
export function worst(statuses: Status[]): Status {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("pending")) return "pending";
  if (statuses.includes("pass")) return "pass";
  return "info";
}

// Any character md() changes; text without one comes back as it is.
const MD_SPECIAL = /[\u0000-\u001f\u007f&<>\\`*_{}[\]()#+!|~@\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Escapes text from people (issue titles, bodies, logins) for Markdown inside our own comments:
 * no mentions, no HTML, no links, no table breaks, no bidi controls that would reorder what is shown.
 * Example: md("@all <b>") === "@\u200ball &lt;b&gt;".
 */
export function md(text: string): string {
  // most text needs no escaping: one test instead of eight replacements (the policy renders a lot of it)
  if (!MD_SPECIAL.test(text)) return text;
  return stripBidi(text)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}[\]()#+!|~])/g, "\\$1")
    .replace(/@/g, "@\u200b")
    .replace(/\r?\n/g, " ");
}
