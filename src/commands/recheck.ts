import { md } from "../core/explain.js";
import { STRICTEST_RULE } from "../change/commit-result.js";
import { CHANGE_CHECK_NAME, type BranchProtectionFacts } from "../change/facts.js";
import { intervalMs, refusalText } from "../change/recheck-limit.js";
import { evaluatePullRequest, type ChangeEvaluation } from "../flows/change-flow.js";
import { gatePull, stampRequestedEvaluation } from "../github/last-evaluation.js";
import type { Command } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

const ICON = { success: "✅", failure: "❌", action_required: "⏳", neutral: "ℹ️" } as const;

/** The answer to `/ims recheck`: the commit's result, this pull request's part in it, and whether the target branch requires the check. */
export function recheckReply(e: ChangeEvaluation): string {
  if (e.kind === "closed") {
    return `ℹ️ #${e.number} is ${e.merged ? "merged" : "closed"}: a closed pull request is not evaluated. The **${CHANGE_CHECK_NAME}** check on its head \`${e.headSha.slice(0, 7)}\` belongs to the open pull requests with that head, if any; reopen this one to have it evaluated.`;
  }
  if (e.kind === "moved" || !e.own) {
    return `ℹ️ The head of #${e.number} moved while this was computed, so no result was written for it; the push triggers its own evaluation.`;
  }
  const { commit, own } = e;
  const head = commit.sha.slice(0, 7);
  const lines = [`${ICON[commit.commit.conclusion]} **${CHANGE_CHECK_NAME}** on head \`${head}\`: **${commit.commit.conclusion}**: ${md(commit.commit.title)}`];
  if (commit.pulls.length > 1) {
    const others = commit.pulls.filter((p) => p.number !== own.number).map((p) => `#${p.number}`).join(", ");
    lines.push("", `This commit is also the head of ${others}. GitHub keeps one check per commit, so it carries the ${STRICTEST_RULE}. This pull request alone: **${own.result.conclusion}**: ${md(own.result.title)}`);
  }
  if (commit.check === "dropped") lines.push("", "The head moved while this was computed, so the result was not written; the push triggers its own evaluation.");
  if (own.reviewRecord) lines.push("", `Post-implementation review record: #${own.reviewRecord.number}.`);
  lines.push("", protectionLine(own.facts.pr.baseRef, own.facts.protection));
  return lines.join("\n");
}

function protectionLine(branch: string, p: BranchProtectionFacts): string {
  const how = `To require it: Settings → Rules → Rulesets (or Settings → Branches) → "Require status checks to pass" → add \`${CHANGE_CHECK_NAME}\` for \`${md(branch)}\`.`;
  if (p.requiresCheck === true && p.anySource) return `⚠️ \`${md(branch)}\` requires this check (${p.sources.join(" and ")}), but from any source: a workflow job or another app posting a passing \`${CHANGE_CHECK_NAME}\` would satisfy it. Set this app as the check's expected source.`;
  if (p.requiresCheck === true) return `\`${md(branch)}\` requires this check (${p.sources.join(" and ")}): it cannot be merged over.`;
  if (p.requiresCheck === false) return `⚠️ \`${md(branch)}\` does **not** require this check, so a failing result can be merged over. ${how}`;
  return `⚠️ Whether \`${md(branch)}\` requires this check is unknown (${md(p.reason ?? "not read")}). ${how}`;
}

/** `/ims recheck` on a pull request: evaluates change control again and answers with the result. */
export const recheckCommand: Command = {
  ...COMMAND_SPECS.recheck,
  run: async (c) => {
    const resolved = { config: c.config, errors: c.configErrors, source: c.configErrors.length > 0 ? ("fallback" as const) : ("repository" as const) };
    const r = { owner: c.owner, repo: c.repo };
    const now = c.env.now();
    // anyone can comment, and one evaluation of a long pull request costs hundreds of calls
    const interval = c.config.change.recheck.minInterval;
    const gate = await gatePull(c.context.octokit, r, c.issue.number, now, intervalMs(interval));
    if (!gate.verdict.allowed) {
      c.context.log.info({ repo: `${c.owner}/${c.repo}`, pr: c.issue.number, rule: "change.recheck", head: gate.headSha, last: gate.verdict.last, calls: gate.calls }, "recheck refused: evaluated on request too recently");
      return refusalText(gate.verdict, interval);
    }
    const e = await evaluatePullRequest(c.context.octokit, r, c.issue.number, { delivery: c.context.id ?? null, now, freshProtection: true, config: resolved }, c.context.log);
    const checkId = e.kind === "evaluated" ? e.commit.checkId : null;
    if (checkId !== null) {
      const stamp = await stampRequestedEvaluation(c.context.octokit, r, checkId, now);
      if (!stamp.stamped) c.context.log.warn({ repo: `${c.owner}/${c.repo}`, pr: c.issue.number, rule: "change.recheck", check: checkId }, "recheck evaluated, but GitHub refused to record it on the check run: the next recheck is not limited");
    }
    return recheckReply(e);
  },
};
