import type { Explanation } from "../core/explain.js";
import type { ChangeFacts, Truncation } from "./facts.js";

const EFFECT = {
  commits: "commit authors and commits after an approval cannot all be checked; approvals cannot be counted (split the pull request)",
  files: "a change path or a path outside a standard rule may be hidden; a standard change cannot be proven",
  reviews: "a blocking review may be hidden",
} as const;

/** Says plainly which lists GitHub's limits cut, and what that means for the decision; null when none were cut. */
export function completenessNode(facts: ChangeFacts): Explanation | null {
  const cut = (Object.keys(EFFECT) as Array<keyof typeof EFFECT>)
    .map((k) => [k, facts.truncated[k]] as const)
    .filter((e): e is readonly [keyof typeof EFFECT, Truncation] => e[1] !== undefined);
  if (cut.length === 0) return null;
  return {
    status: "info",
    label: "data truncated by GitHub limits",
    children: cut.map(([k, t]) => ({
      status: "info",
      label: `${k}: ${t.read} of ${t.total ?? "more than " + t.read} read (limit ${t.limit})`,
      detail: EFFECT[k],
    })),
  };
}
