import { writeLinks } from "../github/links.js";
import { readIssue, type IssueFacts } from "../github/issue-facts.js";
import { statusOf } from "../github/types.js";
import { rerunRecord } from "./rerun.js";
import type { Command, CommandContext } from "./types.js";
import { evaluateRisk } from "../flows/risk-flow.js";
import { resolvedOf } from "./rerun.js";
import { isKind, kindLabel, KINDS } from "../records/kinds.js";
import { COMMAND_SPECS } from "./specs.js";

/** `/ims link #N`: links an incident and a problem both ways (either side may give the command). */
export const linkCommand: Command = {
  ...COMMAND_SPECS.link,
  run: async (c) => {
    const m = /^#?(\d+)$/.exec(c.command.args[0] ?? "");
    if (!m) return "Write `/ims link #N` with the number of the other record. Nothing was changed.";
    const other = Number(m[1]);
    if (other === c.issue.number) return `#${other} is this record: an incident links to a problem. Nothing was changed.`;
    if (c.command.args.length > 1) return "Link one record at a time: `/ims link #N`. Nothing was changed.";
    const r = { owner: c.owner, repo: c.repo };
    const target = await readOther(c, other);
    if (typeof target === "string") return target;
    if (c.kind === "risk") {
      const kind = target.isPullRequest ? null : RISK_LINKS.find((k) => isKind(target.labels, k));
      if (!kind) return `#${other} is not an incident, problem or change record: a risk links to those. Nothing was changed.`;
      return linkRisk(c, c.issue.number, other, kind);
    }
    const here = c.kind === "incident" ? "incident" : "problem";
    const wantKind = here === "incident" ? "problem" : "incident";
    if (!target.isPullRequest && isKind(target.labels, "risk")) return linkRisk(c, other, c.issue.number, here);
    if (target.isPullRequest || !isKind(target.labels, wantKind)) {
      return `#${other} is not ${KINDS[wantKind].noun} record (\`${kindLabel(wantKind)}\`): an incident links to a problem. Nothing was changed.`;
    }
    const incident = here === "incident" ? c.issue.number : other;
    const problem = here === "incident" ? other : c.issue.number;
    await writeLinks(c.context.octokit, r, [
      { on: problem, rel: "incident", to: incident, text: `🔗 Related incident #${incident} (linked by @${c.actor}).` },
      { on: incident, rel: "problem", to: problem, text: `🔗 Linked to problem #${problem} (by @${c.actor}).` },
    ], `cmd-${c.commentId}`);
    await rerunRecord(c, problem, "problem");
    await rerunRecord(c, incident, "incident");
    return `Linked incident #${incident} and problem #${problem} both ways.`;
  },
};

/** What a risk links to. */
const RISK_LINKS = ["incident", "problem", "change"] as const;

/** The other record of a link, or the reply that it does not exist here. */
async function readOther(c: CommandContext, n: number): Promise<IssueFacts | string> {
  try {
    return await readIssue(c.context.octokit, { owner: c.owner, repo: c.repo }, n);
  } catch (error) {
    if (statusOf(error) === 404) return `#${n} does not exist in this repository. Nothing was changed.`;
    throw error;
  }
}

/** Links risk `riskNumber` and record `other` of `kind` (incident, problem or change) both ways (issue 13 §2). */
async function linkRisk(c: CommandContext, riskNumber: number, other: number, kind: (typeof RISK_LINKS)[number]): Promise<string> {
  const r = { owner: c.owner, repo: c.repo };
  await writeLinks(c.context.octokit, r, [
    { on: riskNumber, rel: kind, to: other, text: `🔗 Related ${kind} #${other} (linked by @${c.actor}).` },
    { on: other, rel: "risk", to: riskNumber, text: `🔗 Linked to risk #${riskNumber} (by @${c.actor}).` },
  ], `cmd-${c.commentId}`);
  await evaluateRisk(c.context.octokit, r, riskNumber, { delivery: c.context.id ?? null, now: c.env.now(), config: resolvedOf(c) }, c.context.log);
  if (kind === "incident" || kind === "problem") await rerunRecord(c, other, kind);
  return `Linked risk #${riskNumber} and ${kind} #${other} both ways.`;
}
