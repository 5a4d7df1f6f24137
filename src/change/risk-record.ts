import { md } from "../core/explain.js";
import { isKind, KINDS } from "../records/kinds.js";
import type { Detection } from "./detect.js";
import type { ChangeFacts } from "./facts.js";
import { formatLink } from "./links.js";
import type { Requirement } from "./requirement.js";

/**
 * `change.requireRiskRecord` (issue 13 §2): a normal change of high risk (an unstated risk counts as
 * high, as the risk requirement says) must link an open `ims:risk` record of its own owner with
 * `Risk: #n`. What counts is the issue as GitHub holds it now (its label and state, read by the app),
 * never the text of the link: an issue that is not a risk record, a closed risk, or one the app cannot
 * read does not pass.
 */
export function riskRecordRequirement(facts: ChangeFacts, detection: Detection): Requirement | null {
  if ((detection.risk.level ?? "high") !== "high") return null;
  const label = KINDS.risk.label;
  const read = facts.riskRecords ?? [];
  const open = read.filter((r) => r.status === "found" && isKind(r.labels, "risk") && r.state === "open");
  const name = (r: { repo: string; number: number }) => formatLink(r, facts.repo);
  if (open.length > 0) {
    return { key: "riskRecord", node: { status: "pass", label: "risk record linked", detail: `high risk, treated in ${open.map((r) => md(name(r))).join(", ")}` }, trace: { records: open.map(name) } };
  }
  const why = read.map((r) => {
    if (r.status === "unreadable") return `${name(r)}: could not be read (${r.reason})`;
    if (!isKind(r.labels, "risk")) return `${name(r)}: not labelled ${label}`;
    return `${name(r)}: closed (a closed risk no longer treats this change)`;
  });
  return {
    key: "riskRecord",
    node: {
      status: "fail",
      label: "risk record required",
      detail: `a normal change of high risk must link an open ${md(label)} record with \`Risk: #n\` in the pull request body (\`change.requireRiskRecord\`)${why.length ? `; ${why.map(md).join("; ")}` : ""}`,
    },
    trace: { records: [], refused: why },
  };
}
