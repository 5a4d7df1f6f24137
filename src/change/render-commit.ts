import { md, renderExplanation } from "../core/explain.js";
import { encodeTrace } from "../core/trace.js";
import type { CommitResult } from "./commit-result.js";
import { CHECK_SUMMARY_LIMIT, renderCheckOutput, type CheckOutput, type RenderContext } from "./render.js";

/**
 * The check-run output of a commit: which pull requests it was computed for and how the strictest was
 * chosen, then each pull request's own explanation and `change.gate` trace (what the evidence exporter
 * reads), then a `change.commit` trace carrying the basis hash the conditional write compares.
 */
export function renderCommitOutput(c: CommitResult, ctx: RenderContext & { basis: string }, limit = CHECK_SUMMARY_LIMIT): CheckOutput {
  const header = renderExplanation(c.explanation);
  const trace = encodeTrace({
    v: 1,
    rule: "change.commit",
    inputs: { commit: c.sha, pulls: c.pulls.map((p) => p.number), basis: ctx.basis },
    result: { conclusion: c.conclusion, decidedBy: c.decidedBy },
    time: ctx.now.toISOString(),
    delivery: ctx.delivery,
  });
  const budget = Math.floor((limit - header.length - trace.length - 200) / c.pulls.length) - 100;
  const parts = c.pulls.map((p) => {
    const own = renderCheckOutput(p.result, ctx, budget).summary;
    return c.pulls.length === 1 ? own : `**Pull request #${p.number}** into \`${md(p.baseRef)}\`:\n\n${own}`;
  });
  return { title: c.title, summary: `${header}\n\n${parts.join("\n\n")}\n\n${trace}` };
}
