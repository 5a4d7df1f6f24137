import type { Core } from "../core.js";
import { validation } from "../errors.js";
import { commentJson, issueJson } from "../json/issue.js";
import type { Comment, Issue, Repo } from "../types.js";
import { addTimeline, crossReference, touch } from "./events.js";

function emitComment(core: Core, repo: Repo, issue: Issue, comment: Comment, action: string, sender: string, extra = {}): void {
  core.emitRepo("issue_comment", repo, sender, {
    action,
    ...extra,
    issue: issueJson(core, repo, issue),
    comment: commentJson(core, repo, comment),
  });
}

export function createComment(core: Core, actor: string, repo: Repo, issue: Issue, body: string): Comment {
  if (typeof body !== "string" || body.length === 0) throw validation("IssueComment", "body", "missing_field");
  if (body.length > 65536) throw validation("IssueComment", "body", "custom", "Body is too long (maximum is 65536 characters)");
  const now = core.now();
  const comment: Comment = { id: core.store.id(), repo: repo.fullName, issue: issue.number, user: actor, body, createdAt: now, updatedAt: now };
  core.store.comments.set(comment.id, comment);
  issue.comments.push(comment.id);
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "commented", actor, commentId: comment.id });
  emitComment(core, repo, issue, comment, "created", actor);
  crossReference(core, repo, issue, body, actor);
  return comment;
}

export function editComment(core: Core, actor: string, repo: Repo, comment: Comment, body: string): Comment {
  if (typeof body !== "string" || body.length === 0) throw validation("IssueComment", "body", "missing_field");
  if (body === comment.body) return comment;
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = core.now();
  comment.lastEditedAt = comment.updatedAt;
  comment.editor = actor;
  const issue = core.store.issue(repo, comment.issue);
  emitComment(core, repo, issue, comment, "edited", actor, { changes: { body: { from } } });
  return comment;
}

export function deleteComment(core: Core, actor: string, repo: Repo, comment: Comment): void {
  const issue = core.store.issue(repo, comment.issue);
  core.store.comments.delete(comment.id);
  issue.comments = issue.comments.filter((id) => id !== comment.id);
  issue.timeline = issue.timeline.filter((e) => e.commentId !== comment.id);
  emitComment(core, repo, issue, comment, "deleted", actor);
}
