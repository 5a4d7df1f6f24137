import { HttpError } from "../errors.js";
import { created, noContent, num, ok, paginate, str, type Ctx } from "../http.js";
import { deploymentJson, deploymentStatusJson } from "../json/deployment.js";
import { commitJson } from "../json/pull.js";
import { addDeploymentStatus, createDeployment, deploymentOf, reviewDeploymentGate } from "../ops/deployments.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

function deploymentFrom(ctx: Ctx) {
  const repo = repoOf(ctx);
  return { repo, d: deploymentOf(ctx.core, repo, num(ctx, "deployment_id")) };
}

/** Deployments, their statuses, the protection-rule callback, and a branch's commit history. */
export function registerDeployments(router: Router): void {
  router
    .add("POST /repos/{owner}/{repo}/deployments", (ctx) => {
      const repo = repoOf(ctx);
      const d = createDeployment(ctx.core, ctx.actor, repo, {
        ref: str(ctx.body, "ref") ?? "",
        environment: str(ctx.body, "environment") ?? "production",
        task: str(ctx.body, "task") ?? "deploy",
        description: str(ctx.body, "description") ?? "",
        ...(typeof ctx.body.production_environment === "boolean" ? { productionEnvironment: ctx.body.production_environment } : {}),
        ...(typeof ctx.body.transient_environment === "boolean" ? { transientEnvironment: ctx.body.transient_environment } : {}),
      });
      return created(deploymentJson(ctx.core, repo, d));
    })
    .add("GET /repos/{owner}/{repo}/deployments", (ctx) => {
      const repo = repoOf(ctx);
      const q = (k: string) => ctx.query.get(k);
      // newest first, as GitHub lists them
      const list = [...ctx.core.store.deployments.values()]
        .filter((d) => d.repo === repo.fullName && (!q("sha") || d.sha === q("sha")) && (!q("ref") || d.ref === q("ref")) && (!q("task") || d.task === q("task")) && (!q("environment") || d.environment === q("environment")))
        .sort((a, b) => b.id - a.id);
      return ok(paginate(ctx, list).map((d) => deploymentJson(ctx.core, repo, d)));
    })
    .add("GET /repos/{owner}/{repo}/deployments/{deployment_id}", (ctx) => {
      const { repo, d } = deploymentFrom(ctx);
      return ok(deploymentJson(ctx.core, repo, d));
    })
    .add("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", (ctx) => {
      const { repo, d } = deploymentFrom(ctx);
      return ok(paginate(ctx, [...d.statuses].reverse()).map((s) => deploymentStatusJson(ctx.core, repo, d, s)));
    })
    .add("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", (ctx) => {
      const { repo, d } = deploymentFrom(ctx);
      const s = addDeploymentStatus(ctx.core, ctx.actor, repo, d, {
        state: str(ctx.body, "state") ?? "",
        description: str(ctx.body, "description") ?? "",
        environmentUrl: str(ctx.body, "environment_url") ?? "",
        logUrl: str(ctx.body, "log_url") ?? str(ctx.body, "target_url") ?? "",
      });
      return created(deploymentStatusJson(ctx.core, repo, d, s));
    })
    .add("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", (ctx) => {
      // only a GitHub App answers for its own rule
      if (ctx.identity.kind !== "installation") throw new HttpError(403, "Resource not accessible by personal access token");
      reviewDeploymentGate(ctx.core, ctx.core.app.id, repoOf(ctx), num(ctx, "run_id"), ctx.body);
      return noContent();
    })
    .add("GET /repos/{owner}/{repo}/commits", (ctx) => {
      // a branch's history newest first (committer date, then topology), from `sha` (default branch)
      const repo = repoOf(ctx);
      const start = ctx.core.store.resolveRef(repo, ctx.query.get("sha") ?? repo.defaultBranch);
      const order: string[] = [];
      const seen = new Set<string>();
      for (const queue = [start]; queue.length > 0; ) {
        const sha = queue.shift()!;
        if (seen.has(sha) || !repo.commits.has(sha)) continue;
        seen.add(sha);
        order.push(sha);
        queue.push(...repo.commits.get(sha)!.parents);
      }
      return ok(paginate(ctx, order).map((sha) => commitJson(ctx.core, repo, repo.commits.get(sha)!)));
    });
}
