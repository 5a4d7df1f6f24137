import { md } from "../core/explain.js";
import type { ChangeType } from "./classify.js";
import type { Detection } from "./detect.js";
import type { FreezeWindow } from "./freeze.js";
import type { Requirement } from "./requirement.js";

/** Normal and standard changes wait out a freeze; an emergency change passes as a recorded exception. */
export function freezeRequirement(active: FreezeWindow[], type: ChangeType): Requirement {
  if (active.length === 0) {
    return { key: "freeze", node: { status: "pass", label: "no change freeze in force" }, trace: { active: [] } };
  }
  const windows = active.map((f) => `${md(f.from)} to ${md(f.to)} (${md(f.timeZone)}): ${md(f.reason)}`);
  const exception = type === "emergency";
  return {
    key: "freeze",
    node: {
      status: exception ? "info" : "fail",
      label: exception ? "change freeze in force: emergency change passes as a freeze exception" : "change freeze in force",
      detail: exception ? windows.join("; ") : `${windows.join("; ")}; only emergency changes may go in until it ends`,
    },
    trace: { active: active.map((f) => ({ from: f.from, to: f.to, timeZone: f.timeZone, reason: f.reason })), exception },
  };
}

/** A normal change must state its risk; without one it is treated as high until it does. */
export function riskRequirement(detection: Detection): Requirement {
  const { level, sources } = detection.risk;
  if (level === null) {
    return {
      key: "risk",
      node: { status: "fail", label: "risk level", detail: "not given: answer Risk (low, medium or high) on the change record or add a risk:low|medium|high label; treated as high" },
      trace: { level: null },
    };
  }
  return { key: "risk", node: { status: "pass", label: `risk ${level}`, detail: `from ${sources.map(md).join(", ")}` }, trace: { level, sources } };
}
