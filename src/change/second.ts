import { md } from "../core/explain.js";
import type { ChangeFacts } from "./facts.js";
import type { PushRules } from "./reviews.js";
import { approvalRequirement, type ApprovalRequirement } from "./security.js";
import type { ApprovalGroup } from "./approvals.js";
import { sameLogin } from "./identity.js";

/**
 * High risk: a second approval at head by another person (CAB team, else a maintainer). With a
 * security review required, the two approvals must come from two different people.
 */
export function secondApprovalRequirement(facts: ChangeFacts, rules: PushRules, group: ApprovalGroup, securityApprovers: string[] | null): ApprovalRequirement {
  const req = approvalRequirement("secondApproval", `second approval by ${group.name} (high risk)`, facts, rules, group);
  if (securityApprovers === null || securityApprovers.length === 0 || req.node.status !== "pass") return req;
  const people = new Set([...securityApprovers, ...req.approvers].map((l) => l.toLowerCase()));
  if (people.size >= 2) return req;
  const only = req.approvers.filter((a) => securityApprovers.some((s) => sameLogin(a, s)));
  const detail = `only ${only.map((a) => md(`@${a}`)).join(", ")} approved, who already counts for the security review: a second person must approve`;
  return { ...req, node: { ...req.node, status: "pending", detail }, trace: { ...req.trace, status: "pending", samePerson: true } };
}
