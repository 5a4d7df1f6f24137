import { HttpError, notFound } from "../errors.js";
import { ok, paginate, param, type Ctx } from "../http.js";
import { requiredChecks, rulesetsFor } from "../ops/protection.js";
import type { Router } from "../router.js";
import type { Branch, Repo } from "../types.js";
import { repoOf } from "./repos.js";
import { roleOf } from "./teams.js";

function branchOf(ctx: Ctx): { repo: Repo; branch: Branch } {
  const repo = repoOf(ctx);
  const branch = repo.branches.get(param(ctx, "branch"));
  if (!branch) throw notFound("Branch not found");
  return { repo, branch };
}

/** Reading protection needs administration: a GitHub App without it gets 403, as on GitHub. */
function requireAdmin(ctx: Ctx, repo: Repo): void {
  const allowed = ctx.identity.kind === "installation" ? repo.appAdministration : roleOf(ctx, repo, ctx.actor) === "admin";
  if (!allowed) throw new HttpError(403, "Resource not accessible by integration");
}

function checksJson(ctx: Ctx, repo: Repo, branch: Branch): Record<string, unknown> {
  const p = branch.protection;
  const url = `${ctx.core.urls.api}/repos/${repo.fullName}/branches/${branch.name}/protection/required_status_checks`;
  return {
    url,
    strict: p?.strict ?? false,
    contexts: p?.requiredChecks ?? [],
    checks: (p?.requiredChecks ?? []).map((context) => ({ context, app_id: null })),
    contexts_url: `${url}/contexts`,
  };
}

/** Branches, classic branch protection (admin only) and rulesets' active rules (any reader). */
export function registerProtection(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/branches", (ctx) => {
      const repo = repoOf(ctx);
      const branches = [...repo.branches.values()].map((b) => ({ name: b.name, commit: { sha: b.sha, url: `${ctx.core.urls.api}/repos/${repo.fullName}/commits/${b.sha}` }, protected: !!b.protection || rulesetsFor(repo, b.name).length > 0 }));
      return ok(paginate(ctx, branches));
    })
    .add("GET /repos/{owner}/{repo}/branches/{branch}", (ctx) => {
      const { repo, branch } = branchOf(ctx);
      const contexts = requiredChecks(repo, branch.name);
      return ok({
        name: branch.name,
        commit: { sha: branch.sha, url: `${ctx.core.urls.api}/repos/${repo.fullName}/commits/${branch.sha}` },
        _links: { self: `${ctx.core.urls.api}/repos/${repo.fullName}/branches/${branch.name}`, html: `${ctx.core.urls.html}/${repo.fullName}/tree/${branch.name}` },
        protected: !!branch.protection || rulesetsFor(repo, branch.name).length > 0,
        protection: { enabled: !!branch.protection, required_status_checks: { enforcement_level: contexts.length ? "non_admins" : "off", contexts, checks: contexts.map((context) => ({ context, app_id: null })) } },
        protection_url: `${ctx.core.urls.api}/repos/${repo.fullName}/branches/${branch.name}/protection`,
      });
    })
    .add("GET /repos/{owner}/{repo}/branches/{branch}/protection", (ctx) => {
      const { repo, branch } = branchOf(ctx);
      requireAdmin(ctx, repo);
      if (!branch.protection) throw notFound("Branch not protected");
      const url = `${ctx.core.urls.api}/repos/${repo.fullName}/branches/${branch.name}/protection`;
      return ok({
        url,
        required_status_checks: checksJson(ctx, repo, branch),
        enforce_admins: { url: `${url}/enforce_admins`, enabled: branch.protection.enforceAdmins },
        required_linear_history: { enabled: false },
        allow_force_pushes: { enabled: branch.protection.allowForcePushes ?? false },
        allow_deletions: { enabled: false },
        block_creations: { enabled: false },
        required_conversation_resolution: { enabled: false },
        lock_branch: { enabled: false },
        allow_fork_syncing: { enabled: false },
      });
    })
    .add("GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks", (ctx) => {
      const { repo, branch } = branchOf(ctx);
      requireAdmin(ctx, repo);
      if (!branch.protection) throw notFound("Branch not protected");
      if (branch.protection.requiredChecks.length === 0) throw notFound("Required status checks not enabled");
      return ok(checksJson(ctx, repo, branch));
    })
    .add("GET /repos/{owner}/{repo}/rules/branches/{branch}", (ctx) => {
      const repo = repoOf(ctx);
      const branch = param(ctx, "branch");
      const rules = rulesetsFor(repo, branch).flatMap((r) =>
        r.requiredChecks.length === 0
          ? []
          : [{
              type: "required_status_checks",
              ruleset_source_type: "Repository",
              ruleset_source: repo.fullName,
              ruleset_id: r.id,
              parameters: { strict_required_status_checks_policy: false, do_not_enforce_on_create: false, required_status_checks: r.requiredChecks.map((context) => ({ context })) },
            }],
      );
      return ok(paginate(ctx, rules));
    });
}
