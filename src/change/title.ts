import type { ChangeType } from "./classify.js";
import type { Detection } from "./detect.js";
import type { Conclusion } from "./policy.js";
import type { Requirement } from "./requirement.js";

const SHORT: Record<string, string> = {
  freeze: "change freeze",
  standard: "no standard rule matches",
  record: "change record",
  risk: "risk not given",
  securityReview: "security review",
  secondApproval: "second approval",
  riskRecord: "risk record",
  emergencyApproval: "emergency approval",
  changesRequested: "changes requested by security",
};

const MAX_TITLE = 200;

/** A one-line check-run title naming what passed, or what is missing (with any invalidated approval). */
export function titleFor(conclusion: Conclusion, type: ChangeType, detection: Detection, reqs: Requirement[]): string {
  const kind = `${type[0]!.toUpperCase()}${type.slice(1)} change`;
  const risk = type === "normal" && detection.risk.level ? ` (risk ${detection.risk.level})` : "";
  let title: string;
  if (conclusion === "success") {
    const rule = reqs.find((r) => r.key === "standard")?.trace.rule;
    title = type === "standard" ? `${kind}: pre-approved by rule ${String(rule)}`
      : type === "emergency" ? `${kind} approved: post-implementation review required`
        : `${kind}${risk} approved`;
  } else {
    const want = conclusion === "failure" ? "fail" : "pending";
    const names = reqs.filter((r) => r.node.status === want).map((r) => SHORT[r.key] ?? r.key);
    const invalidated = reqs.flatMap((r) => (Array.isArray(r.trace.reviews) ? (r.trace.reviews as Array<Record<string, unknown>>) : []))
      .filter((c) => Array.isArray(c.invalidatedBy) && (c.invalidatedBy as string[]).length > 0)
      .map((c) => `approval by @${String(c.login)} invalidated by ${(c.invalidatedBy as string[]).join(", ")}`);
    const lead = conclusion === "failure" ? "failed" : "waiting for";
    title = `${kind}${risk} ${lead}: ${names.join(", ")}${invalidated.length > 0 ? ` (${invalidated.join("; ")})` : ""}`;
  }
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}
