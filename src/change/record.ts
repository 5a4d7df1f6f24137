import { md } from "../core/explain.js";
import type { Explanation } from "../core/explain.js";
import { fieldValue } from "./classify.js";
import { CHANGE_LABEL } from "./config.js";
import { hasLabel } from "../core/labels.js";
import type { Detection } from "./detect.js";
import type { Requirement } from "./requirement.js";

/** A normal change needs linked change records that are open and answer every required field. */
export function recordRequirement(detection: Detection, recordFields: string[]): Requirement {
  const children: Explanation[] = [];
  const trace: Array<Record<string, unknown>> = [];
  for (const r of detection.records) {
    if (r.status === "unreadable") {
      children.push({ status: "fail", label: `change record ${md(r.name)}`, detail: `could not be read: ${md(r.reason)}` });
      trace.push({ record: r.name, ok: false, unreadable: r.reason });
      continue;
    }
    const twice = new Set((r.ambiguous ?? []).map((h) => h.trim().toLowerCase()));
    const ambiguous = recordFields.filter((f) => twice.has(f.trim().toLowerCase()));
    const missing = recordFields.filter((f) => fieldValue(r.fields, f) === null && !ambiguous.includes(f));
    const problems: string[] = [];
    // `Change: #N` names the record; an issue outside the change process (no label) is not one, and
    // its edits would never re-evaluate this pull request. (A closing keyword to such an issue is
    // simply not a change link: see detectChange.)
    const isRecord = hasLabel(r.labels, CHANGE_LABEL);
    if (!isRecord) problems.push(`it is not a change record: it is not labelled \`${CHANGE_LABEL}\`; label it, or link the change record instead`);
    if (r.state !== "open") problems.push("it is closed; link an open change record");
    if (missing.length > 0) problems.push(`unanswered: ${missing.map(md).join(", ")}`);
    if (ambiguous.length > 0) problems.push(`ambiguous, so unanswered: ${ambiguous.map(md).join(", ")} (the heading appears more than once; keep one)`);
    children.push({
      status: problems.length === 0 ? "pass" : "fail",
      label: `change record ${md(r.name)}`,
      detail: problems.length === 0 ? `open, answers ${recordFields.map(md).join(", ")}` : problems.join("; "),
    });
    trace.push({ record: r.name, ok: problems.length === 0, state: r.state, missing, ...(ambiguous.length > 0 ? { ambiguous } : {}), ...(isRecord ? {} : { notChangeRecord: true }) });
  }
  for (const ignored of detection.ignoredLinks) {
    children.push({ status: "info", label: "closing link ignored", detail: `${md(ignored)}: a closing keyword links a change record only when the issue is labelled \`${CHANGE_LABEL}\`` });
  }
  const none = detection.records.length === 0;
  const failed = none || children.some((c) => c.status === "fail");
  return {
    key: "record",
    node: {
      status: failed ? "fail" : "pass",
      label: "linked change record",
      detail: none
        ? `none linked: add \`Change: #N\` (an issue labelled \`${CHANGE_LABEL}\`) to the pull request description`
        : failed
          ? "incomplete"
          : `${detection.records.map((r) => md(r.name)).join(", ")} complete`,
      children,
    },
    trace: { records: trace },
  };
}
