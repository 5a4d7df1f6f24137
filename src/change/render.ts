import { renderExplanation } from "../core/explain.js";
import { encodeTrace, type Trace } from "../core/trace.js";
import type { ChangeResult } from "./policy.js";

/** GitHub rejects a check-run summary longer than this. */
export const CHECK_SUMMARY_LIMIT = 65_535;

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
}

export interface RenderContext {
  /** Time of the decision (the same `now` the policy was given). */
  now: Date;
  /** X-GitHub-Delivery, or the id of whatever triggered the evaluation; null when unknown. */
  delivery: string | null;
}

/**
 * The check-run output: the explanation tree as Markdown, then the machine-readable trace, within
 * CHECK_SUMMARY_LIMIT. When too long, the tree is cut at a line with a note; the trace stays last and whole.
 */
export function renderCheckOutput(result: ChangeResult, ctx: RenderContext, limit = CHECK_SUMMARY_LIMIT): CheckOutput {
  const trace = fittingTrace(result, ctx, Math.floor(limit / 2));
  const tree = renderExplanation(result.explanation);
  const whole = `${tree}\n\n${trace}`;
  if (whole.length <= limit) return { title: result.title, summary: whole };
  const lines = tree.split("\n");
  let kept = 0;
  let used = 0;
  const budget = limit - trace.length - 200;
  while (kept < lines.length && used + lines[kept]!.length + 1 <= budget) used += lines[kept++]!.length + 1;
  const note = `\n\n_${lines.length - kept} more lines omitted: GitHub limits a check-run summary to ${CHECK_SUMMARY_LIMIT.toLocaleString("en-US")} characters._`;
  return { title: result.title, summary: `${lines.slice(0, kept).join("\n")}${note}\n\n${trace}` };
}

/** The encoded trace; its inputs (then its result details) are dropped if it alone would crowd out the tree. */
function fittingTrace(result: ChangeResult, ctx: RenderContext, max: number): string {
  const full: Trace = { v: 1, ...result.trace, time: ctx.now.toISOString(), delivery: ctx.delivery };
  let encoded = encodeTrace(full);
  if (encoded.length <= max) return encoded;
  encoded = encodeTrace({ ...full, inputs: { omitted: "too large for a check-run summary" } });
  if (encoded.length <= max) return encoded;
  return encodeTrace({ ...full, inputs: { omitted: "too large for a check-run summary" }, result: { conclusion: result.conclusion, omitted: "too large" } });
}
