import type { Core } from "../core.js";
import type { Issue, Repo, TimelineEvent } from "../types.js";
import { commentJson, issueJson } from "./issue.js";
import { commitJson, reviewJson } from "./pull.js";
import { repoJson } from "./repo.js";
import { nodeId, userByLogin } from "./user.js";

/** One entry of `GET /repos/{owner}/{repo}/issues/{issue_number}/timeline`, in GitHub's per-event shape. */
export function timelineJson(core: Core, repo: Repo, issue: Issue, e: TimelineEvent): Record<string, unknown> | undefined {
  const actor = userByLogin(core, e.actor);
  if (e.event === "commented") {
    const comment = e.commentId === undefined ? undefined : core.store.comments.get(e.commentId);
    return comment ? { ...commentJson(core, repo, comment), event: "commented", actor } : undefined;
  }
  if (e.event === "committed") {
    const commit = e.commitId ? repo.commits.get(e.commitId) : undefined;
    if (!commit) return undefined;
    const json = commitJson(core, repo, commit);
    const git = json.commit as Record<string, unknown>;
    return { sha: commit.sha, node_id: json.node_id, url: git.url, html_url: json.html_url, author: git.author, committer: git.committer, tree: git.tree, message: commit.message, parents: json.parents, verification: git.verification, event: "committed" };
  }
  if (e.event === "reviewed") {
    const review = issue.pull?.reviews.find((r) => r.id === e.reviewId);
    return review ? { ...reviewJson(core, repo, issue, review), state: review.state.toLowerCase(), event: "reviewed" } : undefined;
  }
  if (e.event === "cross-referenced" && e.source) {
    const sourceRepo = core.store.repoByName(e.source.repo);
    const source = sourceRepo.issues.get(e.source.number);
    if (!source) return undefined;
    return {
      actor,
      created_at: e.createdAt,
      updated_at: e.createdAt,
      source: { type: "issue", issue: { ...issueJson(core, sourceRepo, source), repository: repoJson(core, sourceRepo) } },
      event: "cross-referenced",
    };
  }
  const json: Record<string, unknown> = {
    id: e.id,
    node_id: nodeId("Event", e.id),
    url: `${core.urls.api}/repos/${repo.fullName}/issues/events/${e.id}`,
    actor,
    event: e.event,
    commit_id: e.commitId ?? null,
    commit_url: e.commitId ? `${core.urls.api}/repos/${repo.fullName}/commits/${e.commitId}` : null,
    created_at: e.createdAt,
    performed_via_github_app: null,
  };
  if (e.label) json.label = e.label;
  if (e.assignee) json.assignee = userByLogin(core, e.assignee);
  if (e.rename) json.rename = e.rename;
  if (e.event === "closed" || e.event === "reopened") json.state_reason = e.stateReason ?? null;
  if (e.event === "review_dismissed") json.dismissed_review = { state: "approved", review_id: e.reviewId, dismissal_message: e.message ?? null, dismissal_commit_id: null };
  return json;
}
