import { created, noContent, num, ok, paginate, param, str, strings, type Ctx } from "../http.js";
import { issueLabels, labelJson } from "../json/issue.js";
import { addLabels, removeLabel, setLabels } from "../ops/issues.js";
import { createLabel, deleteLabel, findLabel, updateLabel } from "../ops/labels.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

/** POST/PUT accept `{labels: [...]}` or a bare array, as GitHub does. */
function labelNames(ctx: Ctx): string[] {
  if (Array.isArray(ctx.body)) return (ctx.body as unknown[]).map(String);
  return strings(ctx.body, "labels") ?? [];
}

function issueLabelList(ctx: Ctx) {
  const repo = repoOf(ctx);
  return { repo, issue: ctx.core.store.issue(repo, num(ctx, "issue_number")) };
}

/** Repository labels and issue labels; issue-label responses are the issue's label list. */
export function registerLabels(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/labels", (ctx) => {
      const repo = repoOf(ctx);
      return ok(paginate(ctx, [...repo.labels.values()].sort((a, b) => a.id - b.id)).map((l) => labelJson(ctx.core, repo, l)));
    })
    .add("POST /repos/{owner}/{repo}/labels", (ctx) => {
      const repo = repoOf(ctx);
      const label = createLabel(ctx.core, ctx.actor, repo, { name: str(ctx.body, "name") ?? "", color: str(ctx.body, "color"), description: str(ctx.body, "description") ?? null });
      return created(labelJson(ctx.core, repo, label));
    })
    .add("GET /repos/{owner}/{repo}/labels/{name}", (ctx) => {
      const repo = repoOf(ctx);
      return ok(labelJson(ctx.core, repo, findLabel(repo, param(ctx, "name"))));
    })
    .add("PATCH /repos/{owner}/{repo}/labels/{name}", (ctx) => {
      const repo = repoOf(ctx);
      const patch = { new_name: str(ctx.body, "new_name"), color: str(ctx.body, "color"), description: ctx.body.description === undefined ? undefined : (str(ctx.body, "description") ?? null) };
      return ok(labelJson(ctx.core, repo, updateLabel(ctx.core, ctx.actor, repo, param(ctx, "name"), patch)));
    })
    .add("DELETE /repos/{owner}/{repo}/labels/{name}", (ctx) => {
      deleteLabel(ctx.core, ctx.actor, repoOf(ctx), param(ctx, "name"));
      return noContent();
    })
    .add("GET /repos/{owner}/{repo}/issues/{issue_number}/labels", (ctx) => {
      const { repo, issue } = issueLabelList(ctx);
      return ok(paginate(ctx, issueLabels(ctx.core, repo, issue)));
    })
    .add("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", (ctx) => {
      const { repo, issue } = issueLabelList(ctx);
      addLabels(ctx.core, ctx.actor, repo, issue, labelNames(ctx));
      return ok(issueLabels(ctx.core, repo, issue));
    })
    .add("PUT /repos/{owner}/{repo}/issues/{issue_number}/labels", (ctx) => {
      const { repo, issue } = issueLabelList(ctx);
      setLabels(ctx.core, ctx.actor, repo, issue, labelNames(ctx));
      return ok(issueLabels(ctx.core, repo, issue));
    })
    .add("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels", (ctx) => {
      const { repo, issue } = issueLabelList(ctx);
      setLabels(ctx.core, ctx.actor, repo, issue, []);
      return noContent();
    })
    .add("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", (ctx) => {
      const { repo, issue } = issueLabelList(ctx);
      removeLabel(ctx.core, ctx.actor, repo, issue, param(ctx, "name"));
      return ok(issueLabels(ctx.core, repo, issue));
    });
}
