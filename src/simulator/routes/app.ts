import type { Tokens } from "../auth.js";
import type { Core } from "../core.js";
import { HttpError, notFound } from "../errors.js";
import { created, ok, paginate, type Ctx } from "../http.js";
import { repoJson } from "../json/repo.js";
import { appJson, nodeId, userByLogin } from "../json/user.js";
import type { Router } from "../router.js";

function installationJson(core: Core): Record<string, unknown> {
  const { app } = core;
  const ownerLogin = app.owner || ([...core.store.orgs.values()][0]?.login ?? app.botLogin);
  const org = core.store.findOrg(ownerLogin);
  // GitHub describes the installation's account as a simple user, an organisation included.
  const account = org ? { ...userByLogin(core, org.login), id: org.id, node_id: nodeId("Organization", org.id), type: "Organization" } : userByLogin(core, ownerLogin);
  return {
    id: app.installationId,
    account,
    repository_selection: "all",
    access_tokens_url: `${core.urls.api}/app/installations/${app.installationId}/access_tokens`,
    repositories_url: `${core.urls.api}/installation/repositories`,
    html_url: `${core.urls.html}/settings/installations/${app.installationId}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: org ? "Organization" : "User",
    permissions: app.granted,
    events: app.events,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

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
        repository_selection: "all",
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
      const repos = [...ctx.core.store.repos.values()].sort((a, b) => a.id - b.id);
      return ok({ total_count: repos.length, repository_selection: "all", repositories: paginate(ctx, repos).map((r) => repoJson(ctx.core, r)) });
    });
}
