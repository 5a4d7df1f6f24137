import type { ImsConfig } from "../config/schema.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { whyNotTeamDecision } from "../github/permissions.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { claimedAssessments, planAssessmentUndo } from "../records/assessment-undo.js";

export { ASSESSMENT_LABELS, undoneMarker } from "../records/assessment-undo.js";

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
  const claimed = claimedAssessments(issue.labels, event);
  if (claimed.length === 0) return null;
  const team = config.security.team;
  const why = await whyNotTeamDecision(octokit, team, r.owner, event.sender, "a bot cannot assess");
  if (why === null) return null;
  const undo = planAssessmentUndo({ ...r, number: issue.number, labels: issue.labels }, claimed, { team, reason: why, delivery });
  await applyIssuePlan(octokit, undo.plan);
  return { ...issue, labels: undo.labels };
}
