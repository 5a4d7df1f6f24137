import { writeLinks } from "../github/links.js";
import { readIssue } from "../github/issue-facts.js";
import { statusOf } from "../github/types.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";
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
    const here = c.kind === "incident" ? "incident" : "problem";
    const wantKind = here === "incident" ? "problem" : "incident";
    let target;
    try {
      target = await readIssue(c.context.octokit, r, other);
    } catch (error) {
      if (statusOf(error) === 404) return `#${other} does not exist in this repository. Nothing was changed.`;
      throw error;
    }
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
