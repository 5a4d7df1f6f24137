import { md } from "../core/explain.js";
import type { ChangeFacts } from "./facts.js";
import { isMember } from "./identity.js";
import { shortSha, standingReviews } from "./reviews.js";
import { approvalNodes, checkApprovals, counted, type ApprovalCheck, type ApprovalGroup } from "./approvals.js";
import type { PushRules } from "./reviews.js";
import type { Requirement } from "./requirement.js";

export interface ApprovalRequirement extends Requirement {
  approvers: string[];
  checks: ApprovalCheck[];
}

/** One approval at the head commit by an independent active member of `group` (security review, emergency approval). */
export function approvalRequirement(key: string, label: string, facts: ChangeFacts, rules: PushRules, group: ApprovalGroup): ApprovalRequirement {
  const checks = checkApprovals(facts, rules, group);
  const approvers = counted(checks);
  const unreadable = group.members?.status === "unknown" ? group.members.reason : group.members ? null : "membership was not read";
  const unknown = checks.find((c) => c.unknown);
  let status: "pass" | "fail" | "pending";
  let detail: string;
  if (unreadable !== null) {
    status = "fail";
    detail = `members of ${group.name} cannot be read (${md(unreadable)}), so no approval can be counted`;
  } else if (approvers.length > 0) {
    status = "pass";
    detail = `approved by ${approvers.map((a) => md(`@${a}`)).join(", ")}`;
  } else if (unknown) {
    status = "fail";
    detail = `an approval cannot be verified: ${unknown.reason ?? ""}`;
  } else {
    // An approval that a later push invalidated fails the gate (the reviewed code is not what would merge);
    // an approval not given yet is only awaited.
    const invalidated = checks.filter((c) => c.invalidatedBy !== undefined);
    status = invalidated.length > 0 ? "fail" : "pending";
    detail = invalidated.length > 0
      ? `no approval covers the head: ${invalidated.map((c) => `${md(`@${c.login}`)}'s approval ${c.reason ?? ""}`).join("; ")}; a new approval at the head is needed`
      : `waiting for an approval by ${group.name}`;
  }
  return {
    key,
    approvers,
    checks,
    node: { status, label: `${label} at head ${shortSha(facts.pr.headSha)}`, detail, children: approvalNodes(checks) },
    trace: { status, approvers, reviews: checks.map(traceCheck) },
  };
}

function traceCheck(c: ApprovalCheck): Record<string, unknown> {
  return {
    login: c.login,
    review: c.reviewId,
    commit: c.commitId,
    state: c.state,
    counted: c.counted,
    ...(c.counted ? {} : { why: c.reason }),
    ...(c.invalidatedBy ? { invalidatedBy: c.invalidatedBy, forcePush: c.forcePush } : {}),
  };
}

/** Changes requested by an active security-team member block until dismissed or superseded by their approval. */
export function changesRequestedRequirement(facts: ChangeFacts, group: ApprovalGroup): Requirement {
  const blocking: string[] = [];
  const unsure: string[] = [];
  const logins: string[] = [];
  for (const r of standingReviews(facts.reviews).values()) {
    if (r.state !== "CHANGES_REQUESTED") continue;
    const login = r.user!.login;
    const member = isMember(group.members, login);
    const at = r.commitId ? ` at ${shortSha(r.commitId)}` : "";
    if (member !== false) logins.push(login);
    if (member === true) blocking.push(`${md(`@${login}`)} requested changes${at}`);
    else if (typeof member === "object") unsure.push(`${md(`@${login}`)} requested changes${at}, and membership of ${group.name} cannot be read`);
  }
  const truncated = facts.truncated.reviews;
  const problems = [...blocking, ...unsure];
  if (truncated) problems.push(`the review list is truncated (${truncated.read} read), so a blocking review may be hidden`);
  return {
    key: "changesRequested",
    node: {
      status: problems.length > 0 ? "fail" : "pass",
      label: `no changes requested by ${group.name}`,
      detail: problems.length > 0
        ? `${problems.join("; ")}${blocking.length > 0 ? " (blocks until the review is dismissed or the same member approves)" : ""}`
        : "none outstanding",
    },
    trace: { blockedBy: logins, reviewsTruncated: Boolean(truncated) },
  };
}
