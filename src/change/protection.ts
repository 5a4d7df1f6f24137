import type { Explanation } from "../core/explain.js";
import { md } from "../core/explain.js";
import { CHANGE_CHECK_NAME, type BranchProtectionFacts } from "./facts.js";

const HOW = `to require it: Settings -> Branches (branch protection) or Settings -> Rules -> Rulesets -> require status checks to pass -> add "${CHANGE_CHECK_NAME}"`;

/** Informational: does the target branch actually require this check? It never changes the conclusion. */
export function protectionNode(branch: string, p: BranchProtectionFacts): Explanation {
  const label = `${md(branch)} requires the "${CHANGE_CHECK_NAME}" check`;
  if (p.requiresCheck === true) {
    const any = p.anySource ? `, but from any source: a workflow job or another app posting a passing "${CHANGE_CHECK_NAME}" would satisfy it; set this app as the check's expected source` : "";
    return { status: "info", label, detail: `yes, by ${p.sources.join(" and ")}${any}` };
  }
  if (p.requiresCheck === false) return { status: "info", label, detail: `no: this result can be merged over; ${HOW}` };
  return { status: "info", label, detail: `unknown (${md(p.reason ?? "not read")}); ${HOW}` };
}
