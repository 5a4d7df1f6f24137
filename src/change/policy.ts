import type { Explanation, Status } from "../core/explain.js";
import { md, worst } from "../core/explain.js";
import type { ChangeType } from "./classify.js";
import { completenessNode } from "./completeness.js";
import type { ChangePolicyConfig } from "./config.js";
import { detectChange, type Detection } from "./detect.js";
import type { ChangeFacts } from "./facts.js";
import { activeFreezes } from "./freeze.js";
import { protectionNode } from "./protection.js";
import { recordRequirement } from "./record.js";
import type { Requirement } from "./requirement.js";
import { teamName } from "./requirement.js";
import { shortSha, type PushRules } from "./reviews.js";
import { secondApprovalRequirement } from "./second.js";
import { approvalRequirement, changesRequestedRequirement } from "./security.js";
import { matchStandardRule, type StandardMatch } from "./standard.js";
import { freezeRequirement, riskRequirement } from "./gates.js";
import { riskRecordRequirement } from "./risk-record.js";
import { titleFor } from "./title.js";

export type Conclusion = "success" | "failure" | "action_required" | "neutral";

export interface ChangeTrace {
  rule: "change.gate";
  inputs: Record<string, unknown>;
  result: Record<string, unknown>;
}

export interface ChangeResult {
  conclusion: Conclusion;
  title: string;
  explanation: Explanation;
  trace: ChangeTrace;
  /** Set for a passing emergency change: the caller opens this review record (once per pull request). */
  postImplementationReview: { label: string; dueDays: number } | null;
}

/**
 * The `IMS / change control` decision for one pull request: pure, from facts, config and the clock.
 * Example: evaluateChange(facts, config, new Date("2026-03-02T10:00:00Z")).conclusion === "action_required"
 */
export function evaluateChange(facts: ChangeFacts, config: ChangePolicyConfig, now: Date): ChangeResult {
  const change = config.change;
  const freeze = activeFreezes(change.freezes, now);
  const protection = protectionNode(facts.pr.baseRef, facts.protection);
  const inputs = traceInputs(facts, now);
  const errors = [...facts.configErrors, ...freeze.errors];
  if (errors.length > 0) {
    const node: Explanation = { status: "fail", label: "configuration", detail: "invalid, so the check fails closed until it is fixed", children: errors.map((e) => ({ status: "fail" as Status, label: md(e) })) };
    return finish("failure", "Change control: configuration error", [node, protection], inputs, { configErrors: errors }, null);
  }

  const detection = detectChange(facts, change);
  const isChangeNode: Explanation = { status: "info", label: detection.isChange ? "a change" : "not a change", detail: detection.reasons.map(md).join("; ") };
  if (!detection.isChange) {
    return finish("neutral", `Not a change: ${detection.reasons[0] ?? ""}`.slice(0, 200), [isChangeNode, protection], inputs, { isChange: false, reasons: detection.reasons }, null);
  }

  const rules: PushRules = { invalidateOnPush: change.invalidateOnPush, allowTargetMerges: change.allowTargetMerges };
  const securityGroup = { name: teamName("the security team", config.security.team), members: facts.teams[config.security.team] };
  const { type, source, standard } = resolveType(detection, facts, change.standard, rules.allowTargetMerges);
  const reqs: Requirement[] = [freezeRequirement(freeze.active, type)];
  const extra: Record<string, unknown> = {};
  let pir: ChangeResult["postImplementationReview"] = null;

  if (type === "standard") {
    const node: Explanation = standard?.matched
      ? { status: "pass", label: "pre-approved standard change", detail: `every changed path matches rule ${md(standard.rule)}` }
      : { status: "fail", label: "pre-approved standard change", detail: "no standard rule covers this pull request", children: (standard && !standard.matched ? standard.why : []).map((w) => ({ status: "skip" as Status, label: w })) };
    reqs.push({ key: "standard", node, trace: standard?.matched ? { rule: standard.rule } : { matched: false } });
    if (standard?.matched) extra.standardRule = standard.rule;
  } else if (type === "emergency") {
    const group = { name: teamName("the emergency approvers", change.emergency.approvers), members: facts.teams[change.emergency.approvers] };
    reqs.push(approvalRequirement("emergencyApproval", `emergency approval by ${group.name}`, facts, rules, group));
  } else {
    reqs.push(recordRequirement(detection, change.recordFields));
    const risk = riskRequirement(detection);
    reqs.push(risk);
    if (change.requireRiskRecord) {
      const linked = riskRecordRequirement(facts, detection);
      if (linked) reqs.push(linked);
    }
    let securityApprovers: string[] | null = null;
    if (change.securityReview.required) {
      const sec = approvalRequirement("securityReview", `security review by ${securityGroup.name}`, facts, rules, securityGroup);
      securityApprovers = sec.approvers;
      reqs.push(sec);
    }
    if ((detection.risk.level ?? "high") === "high" && change.highRisk.secondApproval) {
      const team = change.highRisk.team;
      const group = team ? { name: teamName("the change advisory board", team), members: facts.teams[team] } : { name: "a maintainer", members: facts.maintainers };
      reqs.push(secondApprovalRequirement(facts, rules, group, securityApprovers));
    }
  }
  reqs.push(changesRequestedRequirement(facts, securityGroup));

  const statuses = reqs.map((r) => r.node.status);
  const conclusion: Conclusion = statuses.includes("fail") ? "failure" : statuses.includes("pending") ? "action_required" : "success";
  if (type === "emergency" && conclusion === "success") {
    pir = { label: change.emergency.reviewLabel, dueDays: change.emergency.reviewDueDays };
    reqs.push({ key: "postImplementationReview", node: { status: "info", label: "post-implementation review required", detail: `the app opens a ${md(pir.label)} record linked to this pull request, due within ${pir.dueDays} days` }, trace: pir });
  }
  if (type === "emergency" && freeze.active.length > 0) extra.freezeException = freeze.active.map((f) => ({ from: f.from, to: f.to, timeZone: f.timeZone, reason: f.reason }));

  const typeNode: Explanation = { status: "info", label: `${type} change`, detail: md(source) };
  const cut = completenessNode(facts);
  const nodes = [isChangeNode, typeNode, ...(cut ? [cut] : []), ...reqs.map((r) => r.node), protection];
  const result = {
    isChange: true,
    reasons: detection.reasons,
    type,
    typeSource: source,
    risk: detection.risk.level,
    requirements: Object.fromEntries(reqs.map((r) => [r.key, { status: r.node.status, ...r.trace }])),
    ...extra,
  };
  return finish(conclusion, titleFor(conclusion, type, detection, reqs), nodes, inputs, result, pir);
}

function resolveType(detection: Detection, facts: ChangeFacts, rules: Parameters<typeof matchStandardRule>[1], allowTargetMerges: boolean): { type: ChangeType; source: string; standard: StandardMatch | null } {
  const labelled = detection.type.type;
  if (labelled === "standard") return { type: "standard", source: detection.type.source, standard: matchStandardRule(facts, rules, allowTargetMerges) };
  if (labelled !== null) return { type: labelled, source: detection.type.source, standard: null };
  const standard = matchStandardRule(facts, rules, allowTargetMerges);
  if (standard.matched) return { type: "standard", source: `no change:* label; every path matches standard rule ${standard.rule}`, standard };
  return { type: "normal", source: "no change:* label and no standard rule covers it: normal by default", standard: null };
}

function traceInputs(facts: ChangeFacts, now: Date): Record<string, unknown> {
  return {
    repo: facts.repo,
    pr: facts.pr.number,
    head: facts.pr.headSha,
    base: facts.pr.baseRef,
    author: facts.pr.author.login,
    fork: facts.pr.isFork,
    labels: facts.pr.labels,
    commits: facts.commits.map((c) => shortSha(c.sha)),
    files: facts.files.length,
    reviews: facts.reviews.map((r) => ({ id: r.id, by: r.user?.login ?? null, state: r.state, commit: r.commitId })),
    truncated: facts.truncated,
    protection: facts.protection.requiresCheck,
    now: now.toISOString(),
  };
}

function finish(conclusion: Conclusion, title: string, children: Explanation[], inputs: Record<string, unknown>, result: Record<string, unknown>, pir: ChangeResult["postImplementationReview"]): ChangeResult {
  const status: Status = conclusion === "neutral" ? "info" : worst(children.map((c) => c.status));
  return {
    conclusion,
    title,
    explanation: { status, label: "IMS / change control", detail: md(title), children },
    trace: { rule: "change.gate", inputs, result: { conclusion, ...result } },
    postImplementationReview: pir,
  };
}
