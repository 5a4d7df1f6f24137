import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { md, type Explanation, type Status } from "../core/explain.js";
import type { ChangeResult, Conclusion } from "./policy.js";

/** One open pull request whose head is the commit, with its own decision. */
export interface PullResult {
  number: number;
  baseRef: string;
  result: ChangeResult;
}

/**
 * How strict a conclusion is. GitHub keeps one check run per commit, and branch protection reads that
 * run whichever pull request it came from, so the commit takes the strictest result over every open
 * pull request whose head it is: failure > action_required > success > neutral. `neutral` ("not a
 * change") is the weakest: a commit that any pull request carries into a change target as a change
 * gets that change's result, never the neutral of a pull request into a branch that is not a target.
 */
export const STRICTNESS: Record<Conclusion, number> = { failure: 3, action_required: 2, success: 1, neutral: 0 };

const STATUS: Record<Conclusion, Status> = { failure: "fail", action_required: "pending", success: "pass", neutral: "info" };

export const STRICTEST_RULE = "strictest over every open pull request with this head: failure > action required > success > neutral (a change into a change target decides over a pull request that is not a change)";

/** The commit's result: the strictest pull request decides (the lowest number among equals, for a stable summary). */
export interface CommitResult {
  sha: string;
  conclusion: Conclusion;
  title: string;
  /** The pull request whose result the commit carries. */
  decidedBy: number;
  pulls: PullResult[];
  explanation: Explanation;
}

/** Combines per-pull-request results on one head commit (pure). Needs at least one pull request. */
export function combineResults(sha: string, pulls: PullResult[]): CommitResult {
  if (pulls.length === 0) throw new Error("combineResults: no pull request to combine");
  const sorted = [...pulls].sort((a, b) => a.number - b.number);
  const decider = sorted.reduce((best, p) => (STRICTNESS[p.result.conclusion] > STRICTNESS[best.result.conclusion] ? p : best));
  const short = sha.slice(0, 7);
  const title = sorted.length === 1 ? decider.result.title : `${decider.result.title} (#${decider.number}; strictest of ${sorted.length} pull requests)`.slice(0, 200);
  const node: Explanation = sorted.length === 1
    ? { status: "info", label: `computed for pull request #${decider.number}`, detail: `the only open pull request whose head is ${short}` }
    : {
        status: "info",
        label: `computed for pull requests ${sorted.map((p) => `#${p.number}`).join(", ")}`,
        detail: `${sorted.length} open pull requests have head ${short}, and GitHub keeps one check per commit; the result is the ${STRICTEST_RULE}`,
        children: sorted.map((p): Explanation => ({ status: STATUS[p.result.conclusion], label: `#${p.number} into ${md(p.baseRef)}: ${p.result.conclusion}${p.number === decider.number ? " (decides)" : ""}`, detail: md(p.result.title) })),
      };
  return { sha, conclusion: decider.result.conclusion, title, decidedBy: decider.number, pulls: sorted, explanation: node };
}

/** A stable hash of what a result was computed from (facts and config; RFC 8785 canonical JSON), carried in the run's trace. */
export function basisHash(value: unknown): string {
  return createHash("sha256").update(canonicalize(value) ?? "null").digest("hex").slice(0, 16);
}

