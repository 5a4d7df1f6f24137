import { HttpError } from "../errors.js";
import { created, num, ok, paginate, param, type Ctx } from "../http.js";
import { checkRunJson } from "../json/check.js";
import { createCheckRun, latestRuns, rerequestCheck, updateCheckRun, type CheckInput } from "../ops/checks.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

function input(ctx: Ctx): CheckInput {
  return ctx.body as CheckInput;
}

/** Check runs: only a GitHub App may create them, as on GitHub. */
export function registerChecks(router: Router): void {
  router
    .add("POST /repos/{owner}/{repo}/check-runs", (ctx) => {
      if (ctx.identity.kind !== "installation") throw new HttpError(403, "You must authenticate via a GitHub App.");
      const repo = repoOf(ctx);
      return created(checkRunJson(ctx.core, repo, createCheckRun(ctx.core, ctx.actor, repo, input(ctx))));
    })
    .add("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => {
      if (ctx.identity.kind !== "installation") throw new HttpError(403, "You must authenticate via a GitHub App.");
      const repo = repoOf(ctx);
      const run = ctx.core.store.checkRun(repo, num(ctx, "check_run_id"));
      return ok(checkRunJson(ctx.core, repo, updateCheckRun(ctx.core, ctx.actor, repo, run, input(ctx))));
    })
    .add("GET /repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => {
      const repo = repoOf(ctx);
      return ok(checkRunJson(ctx.core, repo, ctx.core.store.checkRun(repo, num(ctx, "check_run_id"))));
    })
    .add("POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest", (ctx) => {
      const repo = repoOf(ctx);
      rerequestCheck(ctx.core, ctx.actor, ctx.core.store.checkRun(repo, num(ctx, "check_run_id")));
      return created({});
    })
    .add("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", (ctx) => {
      const repo = repoOf(ctx);
      const sha = ctx.core.store.resolveRef(repo, param(ctx, "ref"));
      const name = ctx.query.get("check_name");
      const status = ctx.query.get("status");
      const all = ctx.query.get("filter") === "all";
      const app = ctx.query.get("app_id");
      const runs = (all ? [...ctx.core.store.checkRuns.values()].filter((r) => r.repo === repo.fullName && r.headSha === sha) : latestRuns(ctx.core, repo, sha))
        .filter((r) => (!name || r.name === name) && (!status || r.status === status) && (!app || r.appId === Number(app)))
        .sort((a, b) => b.id - a.id);
      return ok({ total_count: runs.length, check_runs: paginate(ctx, runs).map((r) => checkRunJson(ctx.core, repo, r)) });
    });
}
