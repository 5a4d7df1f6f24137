import { created, noContent, num, ok, paginate, str } from "../http.js";
import { commentJson } from "../json/issue.js";
import { createComment, deleteComment, editComment } from "../ops/comments.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

/** Issue comments: list (with `since`), create, read, edit, delete. */
export function registerComments(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
      const since = ctx.query.get("since");
      const comments = issue.comments
        .map((id) => ctx.core.store.comments.get(id))
        .filter((c) => c !== undefined)
        .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
      return ok(paginate(ctx, comments).map((c) => commentJson(ctx.core, repo, c)));
    })
    .add("GET /repos/{owner}/{repo}/issues/comments", (ctx) => {
      const repo = repoOf(ctx);
      const since = ctx.query.get("since");
      const comments = [...ctx.core.store.comments.values()].filter((c) => c.repo === repo.fullName && (!since || Date.parse(c.updatedAt) >= Date.parse(since)));
      if (ctx.query.get("direction") === "desc") comments.reverse();
      return ok(paginate(ctx, comments).map((c) => commentJson(ctx.core, repo, c)));
    })
    .add("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
      const comment = createComment(ctx.core, ctx.actor, repo, issue, str(ctx.body, "body") ?? "");
      return created(commentJson(ctx.core, repo, comment));
    })
    .add("GET /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
      const repo = repoOf(ctx);
      return ok(commentJson(ctx.core, repo, ctx.core.store.comment(repo, num(ctx, "comment_id"))));
    })
    .add("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
      const repo = repoOf(ctx);
      const comment = ctx.core.store.comment(repo, num(ctx, "comment_id"));
      return ok(commentJson(ctx.core, repo, editComment(ctx.core, ctx.actor, repo, comment, str(ctx.body, "body") ?? "")));
    })
    .add("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
      const repo = repoOf(ctx);
      deleteComment(ctx.core, ctx.actor, repo, ctx.core.store.comment(repo, num(ctx, "comment_id")));
      return noContent();
    });
}
