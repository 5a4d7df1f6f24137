import { md } from "../core/explain.js";
import type { Explanation } from "../core/explain.js";
import { fieldValue } from "./classify.js";
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
    const missing = recordFields.filter((f) => fieldValue(r.fields, f) === null);
    const problems: string[] = [];
    if (r.state !== "open") problems.push("it is closed; link an open change record");
    if (missing.length > 0) problems.push(`unanswered: ${missing.map(md).join(", ")}`);
    children.push({
      status: problems.length === 0 ? "pass" : "fail",
      label: `change record ${md(r.name)}`,
      detail: problems.length === 0 ? `open, answers ${recordFields.map(md).join(", ")}` : problems.join("; "),
    });
    trace.push({ record: r.name, ok: problems.length === 0, state: r.state, missing });
  }
  for (const ignored of detection.ignoredLinks) {
    children.push({ status: "info", label: "closing link ignored", detail: md(ignored) });
  }
  const none = detection.records.length === 0;
  const failed = none || children.some((c) => c.status === "fail");
  return {
    key: "record",
    node: {
      status: failed ? "fail" : "pass",
      label: "linked change record",
      detail: none
        ? "none linked: add `Change: #N` (an issue labelled `ims:change`) to the pull request description"
        : failed
          ? "incomplete"
          : `${detection.records.map((r) => md(r.name)).join(", ")} complete`,
      children,
    },
    trace: { records: trace },
  };
}
