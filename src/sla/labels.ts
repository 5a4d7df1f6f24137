import type { Priority } from "../config/schema.js";
import { PRIORITIES } from "../config/schema.js";

/** Label names the SLA core reads and writes. */
export const SLA_LABELS = {
  waiting: "status:waiting",
  atRisk: "sla:at-risk",
  breached: "sla:breached",
} as const;

/** `priority:P2` -> "P2"; anything else -> null. GitHub label names are case-insensitive. */
export function priorityOfLabel(name: string): Priority | null {
  const m = /^priority:(p[1-4])$/i.exec(name.trim());
  return m ? (m[1]!.toUpperCase() as Priority) : null;
}

/** The most (or least) severe of a set of priorities; null when empty. */
export function pickPriority(found: Iterable<Priority>, conflict: "highest" | "lowest"): Priority | null {
  let best: Priority | null = null;
  for (const p of found) {
    if (best === null) best = p;
    else if (conflict === "highest" ? PRIORITIES.indexOf(p) < PRIORITIES.indexOf(best) : PRIORITIES.indexOf(p) > PRIORITIES.indexOf(best)) best = p;
  }
  return best;
}
