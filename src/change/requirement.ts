import type { Explanation } from "../core/explain.js";

/** One requirement of the change policy: its node in the result tree and what goes into the trace. */
export interface Requirement {
  /** Short key for the trace, e.g. "securityReview". */
  key: string;
  node: Explanation;
  trace: Record<string, unknown>;
}

/** Team display name: "the security team (org/security)". Config text, escaped. */
export function teamName(what: string, slug: string): string {
  return `${what} (${slug.replace(/[^A-Za-z0-9_./-]/g, "")})`;
}
