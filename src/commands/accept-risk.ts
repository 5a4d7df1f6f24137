import { md } from "../core/explain.js";
import { evaluateRiskAndLinks, riskOwnText } from "../flows/risk-flow.js";
import { listComments, postOnce } from "../github/comments.js";
import { isActiveTeamMember } from "../github/permissions.js";
import { statusOf } from "../github/types.js";
import { acceptanceMarker } from "../risks/acceptance.js";
import { assessRisk } from "../risks/decide.js";
import { atOrAbove } from "../risks/matrix.js";
import { resolvedOf } from "./rerun.js";
import { COMMAND_SPECS } from "./specs.js";
import type { Command } from "./types.js";

/** Named limit: the reason kept with an acceptance (the rest of the first line is cut). */
export const ACCEPT_REASON_MAX = 160;

/**
 * `/ims accept-risk [reason]`: records the acceptance of a risk whose treatment is `accept` (27001
 * 6.1.3 f: the risk owners' approval of residual risk). At or above `risks.acceptAbove` only an active
 * member of `risks.acceptors` may (the config as the default branch holds it); anyone else is refused
 * and nothing changes.
 */
export const acceptRiskCommand: Command = {
  ...COMMAND_SPECS["accept-risk"],
  run: async (c) => {
    const r = { owner: c.owner, repo: c.repo };
    const octokit = c.context.octokit;
    const rc = c.config.risks;
    const comments = await listComments(octokit, r, c.issue.number);
    const as = assessRisk({ body: c.issue.body, ...riskOwnText(comments), ...r }, c.config, c.env.now());
    if (as.treatment !== "accept") return `This risk's treatment is ${as.treatment ? `\`${as.treatment}\`` : "not chosen"}: set **Treatment** to \`accept\` in the form first, then \`/ims accept-risk\`. Nothing was changed.`;
    if (!as.level || as.likelihood === null || as.impact === null) return "This risk has no level yet: answer **Likelihood** and **Impact** in the form first. Nothing was changed.";
    if (atOrAbove(as.level, rc.acceptAbove)) {
      let member: boolean;
      try {
        member = await isActiveTeamMember(octokit, rc.acceptors, c.owner, c.actor);
      } catch (error) {
        const status = statusOf(error);
        if (status !== 403 && status !== 401) throw error;
        return `Sorry @${c.actor}, a \`${as.level}\` risk is accepted only by members of the \`${rc.acceptors}\` team (\`risks.acceptors\`), and ims-bot may not read that team's members (HTTP ${status}): the app needs the organisation permission Members: read. Nothing was changed.`;
      }
      if (!member) return `Sorry @${c.actor}, a \`${as.level}\` risk (at or above \`${rc.acceptAbove}\`) is accepted only by active members of the \`${rc.acceptors}\` team (\`risks.acceptors\`). Nothing was changed.`;
    }
    const reason = c.command.args.join(" ").slice(0, ACCEPT_REASON_MAX);
    const at = c.env.now().toISOString();
    const marker = acceptanceMarker({ by: c.actor, at, level: as.level, likelihood: as.likelihood, impact: as.impact, subject: as.subject, repo: `${r.owner}/${r.repo}`, reason });
    await postOnce(octokit, r, c.issue.number, [{ marker: `<!-- ims-risk-accept via=cmd-${c.commentId} -->\n${marker}`, body: `✅ Risk accepted at \`${as.level}\` by @${c.actor} on ${at}${reason ? `, because: ${md(reason)}` : ""}.` }], comments);
    // the app's own label change sends a webhook the app skips: the pull requests linking the risk are re-checked here
    const { recheck } = await evaluateRiskAndLinks(octokit, r, c.issue.number, { delivery: c.context.id ?? null, now: c.env.now(), config: resolvedOf(c) }, c.context.log);
    const pulls = recheck && recheck.pulls.length > 0 ? ` Re-checked the pull requests linking it: ${recheck.pulls.map((p) => (p.repo.owner === r.owner && p.repo.repo === r.repo ? `#${p.number}` : `${p.repo.owner}/${p.repo.repo}#${p.number}`)).join(", ")}.` : "";
    return `Accepted this \`${as.level}\` risk (@${c.actor}, ${at}). A re-assessment to a higher level lapses the acceptance.${pulls}`;
  },
};
