import type { Tokens } from "../auth.js";
import type { Core, Installation } from "../core.js";
import { HttpError, notFound } from "../errors.js";
import { created, ok, paginate, type Ctx } from "../http.js";
import { repoJson } from "../json/repo.js";
import { installationJson, installedRepos } from "../json/installation.js";
import { appJson } from "../json/user.js";
import type { Router } from "../router.js";

function checkInstallation(ctx: Ctx): Installation {
  const inst = ctx.core.installationById(Number(ctx.params.installation_id));
  if (!inst) throw notFound();
  return inst;
}

/** The installation a token belongs to (the primary for other identities, as the simulator's one installation). */
function tokenInstallation(ctx: Ctx): Installation {
  return (ctx.identity.kind === "installation" && ctx.core.installationById(ctx.identity.installationId)) || ctx.core.primary;
}

/** App authentication: JWT -> installation token, app and installation lookups. */
export function registerApp(router: Router, tokens: Tokens): void {
  router
    .add("POST /app/installations/{installation_id}/access_tokens", (ctx) => {
      if (ctx.identity.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
      const inst = checkInstallation(ctx);
      const expires = new Date(ctx.core.clock.now().getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      return created({
        token: tokens.issueInstallation(inst.id),
        expires_at: expires,
        permissions: inst.granted,
        repository_selection: inst.selection,
      });
    })
    .add("GET /app", (ctx) => ok(appJson(ctx.core)))
    .add("GET /app/installations", (ctx) => ok(paginate(ctx, ctx.core.installations().map((i) => installationJson(ctx.core, i)))))
    .add("GET /app/installations/{installation_id}", (ctx) => {
      return ok(installationJson(ctx.core, checkInstallation(ctx)));
    })
    .add("GET /repos/{owner}/{repo}/installation", (ctx) => {
      const repo = ctx.core.store.repo(ctx.params.owner ?? "", ctx.params.repo ?? "");
      return ok(installationJson(ctx.core, ctx.core.installationOn(repo.owner)));
    })
    .add("GET /orgs/{org}/installation", (ctx) => {
      const org = ctx.core.store.org(ctx.params.org ?? "");
      return ok(installationJson(ctx.core, ctx.core.installationOn(org.login)));
    })
    .add("GET /users/{username}/installation", (ctx) => {
      const user = ctx.core.store.user(ctx.params.username ?? "");
      return ok(installationJson(ctx.core, ctx.core.installationOn(user.login)));
    })
    .add("GET /installation/repositories", (ctx) => {
      const inst = tokenInstallation(ctx);
      const repos = installedRepos(ctx.core, inst);
      return ok({ total_count: repos.length, repository_selection: inst.selection, repositories: paginate(ctx, repos).map((r) => repoJson(ctx.core, r)) });
    });
}
