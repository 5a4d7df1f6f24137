import { hasLabel } from "../core/labels.js";
import { emptyPlan, type IssuePlan } from "../core/plan.js";

/** Labels that record the security team's assessment (27001 A.16.1.4 / 5.25): only its members set them. */
export const ASSESSMENT_LABELS = ["security:incident", "security:not-incident"] as const;

/** The marker of the notice that an assessment label set by someone else was undone (one per delivery). */
export const undoneMarker = (delivery: string | null, label: string) => `<!-- ims-notice assessment-undone label=${label} delivery=${encodeURIComponent(delivery ?? "none")} -->`;

/** The assessment labels this event set (on `opened`, every label; on `labeled`, that one) that the issue still has. */
export function claimedAssessments(labels: string[], event: { action: string; label: string | undefined }): string[] {
  const set = event.action === "opened" ? labels : event.action === "labeled" && event.label ? [event.label] : [];
  return ASSESSMENT_LABELS.filter((a) => hasLabel(set, a) && hasLabel(labels, a));
}

/**
 * The plan that undoes assessment labels someone outside the team set: they go (a claimed security
 * incident stays a `security:event`, so the team is still asked), and the person is told why, once
 * per delivery. Also the labels the issue has once it is applied.
 */
export function planAssessmentUndo(
  issue: { owner: string; repo: string; number: number; labels: string[] },
  claimed: string[],
  why: { team: string; reason: string; delivery: string | null },
): { plan: IssuePlan; labels: string[] } {
  const remove = issue.labels.filter((l) => claimed.includes(l.toLowerCase()));
  const add = claimed.includes("security:incident") && !hasLabel(issue.labels, "security:event") ? ["security:event"] : [];
  const kept = add.length > 0 ? " It stays a `security:event`, so the security team is asked to assess it." : "";
  const plan: IssuePlan = {
    ...emptyPlan(issue.owner, issue.repo, issue.number),
    labels: { add, remove },
    comments: claimed.map((label) => ({
      marker: undoneMarker(why.delivery, label),
      body: `Removed \`${label}\`: it records the assessment of the \`${why.team}\` team, and ${why.reason}. A member of \`${why.team}\` assesses with \`/ims assess incident\` or \`/ims assess not-incident\`.${kept}`,
    })),
  };
  return { plan, labels: issue.labels.filter((l) => !remove.includes(l)).concat(add) };
}
