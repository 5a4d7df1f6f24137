import { md } from "../core/explain.js";
import { isOwnComment } from "../github/bot-identity.js";
import { listComments } from "../github/comments.js";
import { createIssue } from "../github/issue-create.js";
import { ensureLabels } from "../github/labels.js";
import { writeLinks } from "../github/links.js";
import { parseForm, answer } from "../records/form.js";
import { problemBody } from "../problems/record.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";
import { kindLabel } from "../records/kinds.js";
import { COMMAND_SPECS } from "./specs.js";

/** `/ims problem` on an incident: opens a problem record linked both ways (once per command comment). */
export const problemCommand: Command = {
  ...COMMAND_SPECS.problem,
  run: async (c) => {
    const r = { owner: c.owner, repo: c.repo };
    const octokit = c.context.octokit;
    const via = `cmd-${c.commentId}`;
    // A redelivery handled by another instance finds the problem this command already opened.
    const own = (await listComments(octokit, r, c.issue.number)).filter(isOwnComment).map((x) => x.body).join("\n");
    const earlier = new RegExp(`rel=problem to=(\\d+) via=${via} -->`).exec(own);
    if (earlier) return `Problem #${earlier[1]} was opened for this command already.`;
    const service = answer(parseForm(c.issue.body), c.config.classification.fields.service);
    await ensureLabels(octokit, r, [kindLabel("problem")]);
    const data = await createIssue(octokit, r, {
      title: `Problem: ${c.issue.title}`.slice(0, 256),
      labels: [kindLabel("problem")],
      body: problemBody(
        { marker: `<!-- ims-problem-from=${c.issue.number} via=${via} -->`, service, incidents: [c.issue.number], description: `Opened by @${c.actor} from incident #${c.issue.number} with \`/ims problem\`.` },
        { service: c.config.classification.fields.service, ...c.config.problems.fields },
      ),
    });
    await writeLinks(octokit, r, [
      { on: data.number, rel: "incident", to: c.issue.number, text: `🔗 Related incident #${c.issue.number}.` },
      { on: c.issue.number, rel: "problem", to: data.number, text: `🔗 Linked to problem #${data.number}: ${md(c.issue.title)}.` },
    ], via, [data.number]);
    await rerunRecord(c, data.number, "problem");
    await rerunRecord(c, c.issue.number, "incident");
    return `Opened problem #${data.number}, linked both ways.`;
  },
};
