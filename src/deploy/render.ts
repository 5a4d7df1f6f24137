import { renderExplanation } from "../core/explain.js";
import { clampTrace, encodeTrace, type Trace } from "../core/trace.js";
import type { DeployDecision, DeployMode } from "./decide.js";
import type { DeployFacts } from "./facts.js";
import { GATE_COMMENT_LIMIT } from "./names.js";

/** The `deploy.gate` trace the exporter reads from the deployed commit's check run. */
export function deployTrace(facts: DeployFacts, decision: DeployDecision, mode: DeployMode, now: Date, delivery: string | null): Trace {
  const { decision: verdict, reasons, changes, directPushes, standardRule, emergency, window } = decision;
  return clampTrace({
    v: 1,
    rule: "deploy.gate",
    inputs: { deployment: { ...facts.deployment }, runId: facts.runId, mode },
    result: { decision: verdict, reasons, changes, directPushes, ...(standardRule ? { standardRule } : {}), ...(emergency ? { emergency } : {}), ...(window ? { window } : {}) },
    time: now.toISOString(),
    delivery,
  });
}

/** What the check run shows: conclusion (`neutral` for a detective flag), title, the tree and the trace. */
export function deployCheckOutput(facts: DeployFacts, decision: DeployDecision, mode: DeployMode, now: Date, delivery: string | null) {
  const flagged = mode === "detect" && decision.decision === "rejected";
  const conclusion = decision.decision === "approved" ? "success" : flagged ? "neutral" : "failure";
  const note =
    mode === "detect"
      ? "\n\n> Detective control: no custom deployment protection rule of ims-bot decided this deployment before it ran, so this check records the decision afterwards; it did not prevent it."
      : "";
  const title = flagged ? decision.title.replace(" rejected:", " not approved (detected after it ran):") : decision.title;
  const summary = `${renderExplanation(decision.explanation)}${note}\n\n${encodeTrace(deployTrace(facts, decision, mode, now, delivery))}`;
  return { conclusion, title: title.slice(0, 250), summary: summary.slice(0, 65_000) } as const;
}

/** The protection rule's comment: the title and the tree, cut to GitHub's 1,024 characters, then the link. */
export function gateComment(decision: DeployDecision, link: string | null): string {
  const tail = link ? `\n\nFull decision: ${link}` : "";
  const body = `**${decision.title}**\n\n${renderExplanation(decision.explanation)}`;
  const room = GATE_COMMENT_LIMIT - tail.length;
  const cut = body.length > room ? `${body.slice(0, room - 2)}…` : body;
  return `${cut}${tail}`;
}
