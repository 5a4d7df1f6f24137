import { validation } from "../errors.js";
import { created, num, ok, paginate, str, strings, type Ctx } from "../http.js";
import { issueJson } from "../json/issue.js";
import { addAssignees, createIssue, editIssue, removeAssignees, type IssuePatch } from "../ops/issues.js";
import type { Router } from "../router.js";
import type { Issue } from "../types.js";
import { repoOf } from "./repos.js";

export function sortIssues(items: Issue[], sort: string, direction: string): Issue[] {
  const key = (i: Issue): string | number => (sort === "updated" ? i.updatedAt : sort === "comments" ? i.comments.length : i.createdAt);
  const sign = direction === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  });
}

function patchOf(ctx: Ctx): IssuePatch {
  const { body } = ctx;
  const patch: IssuePatch = {};
  if (body.title !== undefined) patch.title = String(body.title);
  if (body.body !== undefined) patch.body = body.body === null ? null : String(body.body);
  if (body.state !== undefined) {
    if (body.state !== "open" && body.state !== "closed") throw validation("Issue", "state", "invalid");
    patch.state = body.state;
  }
  if (body.state_reason !== undefined) patch.state_reason = str(body, "state_reason") ?? null;
  const labels = strings(body, "labels");
  if (labels) patch.labels = labels;
  const assignees = strings(body, "assignees") ?? (typeof body.assignee === "string" ? [body.assignee] : body.assignee === null ? [] : undefined);
  if (assignees) patch.assignees = assignees;
  return patch;
}

/** Issues: create, read, edit, list with GitHub's filters, and assignees. */
export function registerIssues(router: Router): void {
  router
    .add("POST /repos/{owner}/{repo}/issues", (ctx) => {
      const repo = repoOf(ctx);
      const issue = createIssue(ctx.core, ctx.actor, repo, {
        title: str(ctx.body, "title") ?? "",
        body: str(ctx.body, "body") ?? null,
        labels: strings(ctx.body, "labels") ?? [],
        assignees: strings(ctx.body, "assignees") ?? (typeof ctx.body.assignee === "string" ? [ctx.body.assignee] : []),
      });
      ctx.resHeaders.location = `${ctx.core.urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
      return created(issueJson(ctx.core, repo, issue));
    })
    .add("GET /repos/{owner}/{repo}/issues/{issue_number}", (ctx) => {
      const repo = repoOf(ctx);
      return ok(issueJson(ctx.core, repo, ctx.core.store.issue(repo, num(ctx, "issue_number"))));
    })
    .add("PATCH /repos/{owner}/{repo}/issues/{issue_number}", (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
      editIssue(ctx.core, ctx.actor, repo, issue, patchOf(ctx));
      return ok(issueJson(ctx.core, repo, issue));
    })
    .add("GET /repos/{owner}/{repo}/issues", (ctx) => {
      const repo = repoOf(ctx);
      const q = ctx.query;
      const state = q.get("state") ?? "open";
      const labels = (q.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
      const since = q.get("since");
      const assignee = q.get("assignee");
      const creator = q.get("creator");
      const items = [...repo.issues.values()].filter((i) => {
        if (state !== "all" && i.state !== state) return false;
        if (!labels.every((l) => i.labels.some((x) => x.toLowerCase() === l))) return false;
        if (since && Date.parse(i.updatedAt) < Date.parse(since)) return false;
        if (assignee === "none" && i.assignees.length) return false;
        if (assignee === "*" && !i.assignees.length) return false;
        if (assignee && assignee !== "none" && assignee !== "*" && !i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
        if (creator && i.user.toLowerCase() !== creator.toLowerCase()) return false;
        return true;
      });
      const sorted = sortIssues(items, q.get("sort") ?? "created", q.get("direction") ?? "desc");
      return ok(paginate(ctx, sorted).map((i) => issueJson(ctx.core, repo, i)));
    })
    .add("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
      addAssignees(ctx.core, ctx.actor, repo, issue, strings(ctx.body, "assignees") ?? []);
      return created(issueJson(ctx.core, repo, issue));
    })
    .add("DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees", (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
      removeAssignees(ctx.core, ctx.actor, repo, issue, strings(ctx.body, "assignees") ?? []);
      return ok(issueJson(ctx.core, repo, issue));
    });
}
