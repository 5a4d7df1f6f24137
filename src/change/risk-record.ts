import { md } from "../core/explain.js";
import { hasLabel } from "../core/labels.js";
import { KINDS, kindOf } from "../records/kinds.js";
import { atOrAbove, RISK_LEVELS, type RiskLevel } from "../risks/matrix.js";
import type { Detection } from "./detect.js";
import type { ChangeFacts, ChangeRecordFound } from "./facts.js";
import { formatLink } from "./links.js";
import type { Requirement } from "./requirement.js";

/** The level a risk record must be rated at for a high-risk change (the change's own level). */
const CHANGE_RISK_LEVEL: RiskLevel = "high";

/** The app's labels on a risk record that this gate reads (src/risks/decide.ts keeps them). */
const ACCEPTANCE_REQUIRED = "risk:acceptance-required";

/**
 * Why a linked issue does not treat a high-risk change, or null when it does. A risk record is what
 * the app itself rated: an issue whose kind (by the registry's precedence) is risk, open, carrying
 * the `risk-level:*` label the app sets from the matrix (a hand-added one is taken off at once, and
 * an unassessed risk has none), rated at least `high`, and not waiting for `/ims accept-risk`.
 */
export function riskRecordRefusal(r: ChangeRecordFound): string | null {
  const kind = kindOf(r.labels);
  if (kind === null) return `not labelled ${KINDS.risk.label}`;
  if (kind !== "risk") return `labelled ${KINDS[kind].label}, so it is ${KINDS[kind].noun}, not a risk record`;
  if (r.state !== "open") return "closed (a closed risk no longer treats this change)";
  const levels = RISK_LEVELS.filter((l) => hasLabel(r.labels, `risk-level:${l}`));
  if (levels.length !== 1) return levels.length === 0 ? "not assessed (no `risk-level:*` label from the app's matrix)" : `rated ${levels.map((l) => `\`${l}\``).join(" and ")} at once`;
  const level = levels[0]!;
  if (!atOrAbove(level, CHANGE_RISK_LEVEL)) return `rated \`${level}\`: a high-risk change must link a risk rated \`${CHANGE_RISK_LEVEL}\` or above`;
  if (hasLabel(r.labels, ACCEPTANCE_REQUIRED)) return "its acceptance waits for `/ims accept-risk` by an acceptor";
  return null;
}

/**
 * `change.requireRiskRecord` (issue 13 §2): a normal change of high risk (an unstated risk counts as
 * high, as the risk requirement says) must link an open, assessed `ims:risk` record of its own owner
 * rated high or above with `Risk: #n`. What counts is the issue as GitHub holds it now (its labels and
 * state, read by the app), never the text of the link: an issue that is not a risk record, a closed,
 * unassessed or lower-rated risk, one awaiting acceptance, or one the app cannot read does not pass.
 * An event on the risk re-evaluates the pull requests linking it (handlers/change-records.ts).
 */
export function riskRecordRequirement(facts: ChangeFacts, detection: Detection): Requirement | null {
  if ((detection.risk.level ?? "high") !== "high") return null;
  const label = KINDS.risk.label;
  const read = facts.riskRecords ?? [];
  const name = (r: { repo: string; number: number }) => formatLink(r, facts.repo);
  const treating = read.filter((r): r is ChangeRecordFound => r.status === "found" && riskRecordRefusal(r) === null);
  if (treating.length > 0) {
    return { key: "riskRecord", node: { status: "pass", label: "risk record linked", detail: `high risk, treated in ${treating.map((r) => md(name(r))).join(", ")}` }, trace: { records: treating.map(name) } };
  }
  const why = read.map((r) => (r.status === "unreadable" ? `${name(r)}: could not be read (${r.reason})` : `${name(r)}: ${riskRecordRefusal(r)}`));
  return {
    key: "riskRecord",
    node: {
      status: "fail",
      label: "risk record required",
      detail: `a normal change of high risk must link an open, assessed ${md(label)} record rated \`${CHANGE_RISK_LEVEL}\` or above with \`Risk: #n\` in the pull request body (\`change.requireRiskRecord\`)${why.length ? `; ${why.map(md).join("; ")}` : ""}`,
    },
    trace: { records: [], refused: why },
  };
}
