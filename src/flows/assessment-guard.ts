import type { ImsConfig } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";
import { postOnce } from "../github/comments.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { applyLabelDiff } from "../github/labels.js";
import { whyNotTeamDecision } from "../github/permissions.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** Labels that record the security team's assessment (27001 A.16.1.4 / 5.25): only its members set them. */
export const ASSESSMENT_LABELS = ["security:incident", "security:not-incident"] as const;

/** The marker of the notice that an assessment label set by someone else was undone (one per delivery). */
export const undoneMarker = (delivery: string | null, label: string) => `<!-- ims-notice assessment-undone label=${label} delivery=${encodeURIComponent(delivery ?? "none")} -->`;

/**
 * An assessment label set directly (by label, on `opened` or `labeled`) by someone who is not an
 * active member of the security team is not an assessment: it is removed (a claimed security incident
 * stays a `security:event`, so the team is still asked) and the person is told why. Fails closed when
 * the team cannot be read. Returns the issue with its labels as they now are, or null when nothing was undone.
 */
export async function undoUnauthorisedAssessment(
  octokit: Octokit,
  r: RepoRef,
  issue: IssueFacts,
  event: { action: string; label: string | undefined; sender: { login: string; type?: string } },
  config: ImsConfig,
  delivery: string | null,
): Promise<IssueFacts | null> {
  const set = event.action === "opened" ? issue.labels : event.action === "labeled" && event.label ? [event.label] : [];
  const claimed = ASSESSMENT_LABELS.filter((a) => hasLabel(set, a) && hasLabel(issue.labels, a));
  if (claimed.length === 0) return null;
  const team = config.security.team;
  const why = await whyNotTeamDecision(octokit, team, r.owner, event.sender, "a bot cannot assess");
  if (why === null) return null;
  const remove = issue.labels.filter((l) => (claimed as readonly string[]).includes(l.toLowerCase()));
  const add = claimed.includes("security:incident") && !hasLabel(issue.labels, "security:event") ? ["security:event"] : [];
  await applyLabelDiff(octokit, r, issue.number, { add, remove });
  const kept = add.length > 0 ? " It stays a `security:event`, so the security team is asked to assess it." : "";
  await postOnce(
    octokit,
    r,
    issue.number,
    claimed.map((label) => ({
      marker: undoneMarker(delivery, label),
      body: `Removed \`${label}\`: it records the assessment of the \`${team}\` team, and ${why}. A member of \`${team}\` assesses with \`/ims assess incident\` or \`/ims assess not-incident\`.${kept}`,
    })),
    null,
  );
  return { ...issue, labels: issue.labels.filter((l) => !remove.includes(l)).concat(add) };
}
