import type { Tokens } from "../auth.js";
import type { Core } from "../core.js";
import { HttpError, notFound } from "../errors.js";
import { created, ok, paginate, type Ctx } from "../http.js";
import { repoJson } from "../json/repo.js";
import { installationJson, installedRepos } from "../json/installation.js";
import { appJson } from "../json/user.js";
import type { Router } from "../router.js";

function checkInstallation(ctx: Ctx): void {
  if (Number(ctx.params.installation_id) !== ctx.core.app.installationId) throw notFound();
}

/** App authentication: JWT -> installation token, app and installation lookups. */
export function registerApp(router: Router, tokens: Tokens): void {
  router
    .add("POST /app/installations/{installation_id}/access_tokens", (ctx) => {
      if (ctx.identity.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
      checkInstallation(ctx);
      const expires = new Date(ctx.core.clock.now().getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      return created({
        token: tokens.issueInstallation(),
        expires_at: expires,
        permissions: ctx.core.app.granted,
        repository_selection: ctx.core.app.selection,
      });
    })
    .add("GET /app", (ctx) => ok(appJson(ctx.core)))
    .add("GET /app/installations", (ctx) => ok(paginate(ctx, [installationJson(ctx.core)])))
    .add("GET /app/installations/{installation_id}", (ctx) => {
      checkInstallation(ctx);
      return ok(installationJson(ctx.core));
    })
    .add("GET /repos/{owner}/{repo}/installation", (ctx) => {
      ctx.core.store.repo(ctx.params.owner ?? "", ctx.params.repo ?? "");
      return ok(installationJson(ctx.core));
    })
    .add("GET /orgs/{org}/installation", (ctx) => {
      ctx.core.store.org(ctx.params.org ?? "");
      return ok(installationJson(ctx.core));
    })
    .add("GET /users/{username}/installation", (ctx) => {
      ctx.core.store.user(ctx.params.username ?? "");
      return ok(installationJson(ctx.core));
    })
    .add("GET /installation/repositories", (ctx) => {
      const repos = installedRepos(ctx.core);
      return ok({ total_count: repos.length, repository_selection: ctx.core.app.selection, repositories: paginate(ctx, repos).map((r) => repoJson(ctx.core, r)) });
    });
}
