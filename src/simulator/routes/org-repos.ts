import { ok, paginate } from "../http.js";
import { repoJson } from "../json/repo.js";
import type { Router } from "../router.js";

/** `GET /orgs/{org}/repos` and `GET /users/{username}/repos`: an owner's repositories, oldest first (the exporter's --org). */
export function registerOwnerRepos(router: Router): void {
  const list = (owner: string) => (ctx: Parameters<Parameters<Router["add"]>[1]>[0]) => {
    const login = ctx.params[owner] ?? "";
    if (owner === "org") ctx.core.store.org(login);
    else ctx.core.store.user(login);
    const repos = [...ctx.core.store.repos.values()].filter((r) => r.owner.toLowerCase() === login.toLowerCase()).sort((a, b) => a.id - b.id);
    return ok(paginate(ctx, repos).map((r) => repoJson(ctx.core, r)));
  };
  router.add("GET /orgs/{org}/repos", list("org")).add("GET /users/{username}/repos", list("username"));
}
