import type { IssuePlan } from "../core/plan.js";
import { counting } from "./call-counter.js";
import type { CommentFact } from "./comments.js";
import { listComments, upsertCard } from "./comments.js";
import { assignTeams } from "./assign-teams.js";
import { postOnceRaceSafe } from "./once-comments.js";
import { GITHUB_MAX_LABELS } from "../records/labels.js";
import { editedNotices } from "../records/markers.js";
import { applyLabelDiff } from "./labels.js";
import type { Octokit } from "./types.js";

/** What applying a plan did, for logs and benchmarks. */
export interface ApplyResult {
  calls: number;
}

/**
 * Applies an issue plan with the fewest idempotent calls. `comments` are the issue's comments when
 * the caller already read them, `"none"` when the issue is known to have none (a fresh `opened`),
 * or undefined to read them here only if the plan needs them.
 */
export async function applyIssuePlan(octokit: Octokit, plan: IssuePlan, comments?: CommentFact[] | "none"): Promise<ApplyResult> {
  const { calls } = await counting(octokit, () => apply(octokit, plan, comments));
  return { calls };
}

async function apply(octokit: Octokit, plan: IssuePlan, comments?: CommentFact[] | "none"): Promise<void> {
  const r = { owner: plan.owner, repo: plan.repo };
  // The comments first: a one-off comment's marker is the proof that its step (an escalation, a
  // notification) was done, and labels such as `escalation:*` only summarise it. Labels written before
  // a comment that then failed would tell every later evaluation and sweep the step was done.
  let known: CommentFact[] | null = null;
  const knownComments = async (): Promise<CommentFact[]> => {
    known ??= comments === "none" ? [] : (comments ?? (await listComments(octokit, r, plan.number)));
    return known;
  };
  // the app's comments someone edited are reported once each (their markers are already not believed)
  const once = [...plan.comments, ...(Array.isArray(comments) ? editedNotices(comments) : [])];
  if (once.length > 0) await postOnceRaceSafe(octokit, r, plan.number, once, await knownComments());
  await applyLabelDiff(octokit, r, plan.number, plan.labels, (notAdded) => {
    // The issue is at GitHub's label limit: say so on the card rather than fail the delivery forever.
    plan.card?.sections.push({
      id: "label-limit",
      title: null,
      body: `⚠️ GitHub allows ${GITHUB_MAX_LABELS} labels on an issue and this one is full: ims-bot could not add ${notAdded.map((l) => `\`${l}\``).join(", ")}. Remove labels that are no longer needed.`,
    });
  });
  if (plan.assignees.length > 0) await octokit.rest.issues.addAssignees({ ...r, issue_number: plan.number, assignees: plan.assignees });
  if (plan.assignTeams?.length) await assignTeams(octokit, r, plan.number, plan.assignTeams, plan.assignees);
  if (plan.card) await upsertCard(octokit, r, plan.number, plan.card, await knownComments());
  if (plan.state) await octokit.rest.issues.update({ ...r, issue_number: plan.number, state: plan.state.state });
}
