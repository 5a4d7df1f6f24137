import type { Card } from "../records/card.js";

/** A comment the app posts once per record; `marker` (a hidden HTML comment) makes it idempotent. */
export interface OnceComment {
  marker: string;
  body: string;
}

/** What should become true on one issue; the applier turns it into the fewest GitHub calls. */
export interface IssuePlan {
  owner: string;
  repo: string;
  number: number;
  labels: { add: string[]; remove: string[] };
  /** The record card to upsert; null leaves any card alone. */
  card: Card | null;
  /** One-off comments (escalation mentions, refusals, notices), each posted at most once. */
  comments: OnceComment[];
  assignees: string[];
  /** Teams whose active members are assigned (escalation or routing with `assign: true`). */
  assignTeams?: string[] | undefined;
  /** Close or reopen the issue, with a reason comment in `comments`. */
  state?: { state: "open" | "closed" } | undefined;
}

/** An empty plan for one issue. */
export function emptyPlan(owner: string, repo: string, number: number): IssuePlan {
  return { owner, repo, number, labels: { add: [], remove: [] }, card: null, comments: [], assignees: [] };
}
