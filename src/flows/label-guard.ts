import type { Logger } from "probot";
import { sameLogin } from "../change/identity.js";
import { loweringBy, type LabelEvent } from "../change/label-lowering.js";
import { ALERT_GUARDED_LABEL, alertLowering } from "../alerts/decide.js";
import { postOnce } from "../github/comments.js";
import { isBot } from "../github/bot-identity.js";
import { applyLabelDiff } from "../github/labels.js";
import { loadConfig } from "../github/load-config.js";
import { whyNotTeamDecision } from "../github/permissions.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** The marker of the notice that a lowering label change was put back (one per delivery and label). */
export const restoredMarker = (delivery: string | null, label: string) => `<!-- ims-notice label-restored label=${label} delivery=${encodeURIComponent(delivery ?? "none")} -->`;

/**
 * A label change that lowers a decision (`risk:*` lowered or removed, `change:*` moved to a type that
 * needs no approval, `security:incident` removed), on a pull request or a change record, stands only
 * when an active member of the security team made it: like the assessment labels, these record the
 * security team's judgement, and never the pull request's own author's. Anyone else's is put back and they are told why, in one comment. Fails
 * closed when the team cannot be read. On a security alert's record (`alertRecord`), an `impact:` or
 * `urgency:` change that lowers its priority is the security team's decision too (see alertLowering).
 * Costs nothing for other label events; for a lowering, the
 * (conditional) config read and one membership call, then one label write and at most two calls for
 * the notice. Returns true when the change was put back.
 */
export async function guardLoweringLabel(
  octokit: Octokit,
  r: RepoRef,
  issue: { number: number; labels: string[]; author?: string | null; alertRecord?: boolean },
  event: LabelEvent & { sender: { login: string; type?: string } },
  delivery: string | null,
  log: Logger,
): Promise<boolean> {
  const byLabel = loweringBy(issue.labels, event);
  if (!byLabel && !(issue.alertRecord && ALERT_GUARDED_LABEL.test(event.label))) return false;
  const { config } = await loadConfig(octokit, r.owner, r.repo);
  const lowering = byLabel ?? alertLowering(issue.labels, event, config);
  if (!lowering) return false;
  const team = config.security.team;
  // the author judging their own change is no independent judgement, team member or not
  const why = issue.author && !isBot(event.sender) && sameLogin(issue.author, event.sender.login)
    ? `@${event.sender.login} is the author of this pull request`
    : await whyNotTeamDecision(octokit, team, r.owner, event.sender, "a bot may not make that decision");
  if (why === null) return false;
  await applyLabelDiff(octokit, r, issue.number, lowering.undo);
  const put = lowering.undo.add.length > 0 ? `Put back \`${lowering.undo.add.join("`, `")}\`` : `Removed \`${lowering.undo.remove.join("`, `")}\``;
  await postOnce(
    octokit,
    r,
    issue.number,
    [{ marker: restoredMarker(delivery, event.label), body: `${put}: @${event.sender.login} ${lowering.what}, and ${lowering.why}. Only an active member of \`${team}\` may lower that decision, and ${why}. Ask a member of \`${team}\` to make the change.` }],
    null,
  );
  log.info({ repo: `${r.owner}/${r.repo}`, issue: issue.number, label: event.label, action: event.action, sender: event.sender.login, kind: lowering.kind }, "label change that lowers a decision put back");
  return true;
}
