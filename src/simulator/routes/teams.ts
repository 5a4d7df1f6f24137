import { notFound } from "../errors.js";
import { noContent, ok, paginate, param, type Ctx } from "../http.js";
import { orgJson, teamJson, userByLogin } from "../json/user.js";
import { teamFullJson } from "../json/team-full.js";
import type { Router } from "../router.js";
import type { Permission, Repo } from "../types.js";
import { repoOf } from "./repos.js";

/** The legacy `permission` GitHub reports beside `role_name`: triage reads as read, maintain as write. */
const LEGACY: Record<Permission, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };
const RANK: Permission[] = ["read", "triage", "write", "maintain", "admin"];

/** A login's role: explicit collaborator, admin for the owning user, read on public or own-org repos, else none. */
export function roleOf(ctx: Ctx, repo: Repo, login: string): Permission | null {
  const explicit = repo.collaborators.get(login.toLowerCase());
  if (explicit) return explicit;
  if (repo.owner.toLowerCase() === login.toLowerCase()) return "admin";
  if (!repo.private || ctx.core.store.isOrgMember(repo.owner, login)) return "read";
  return null;
}

function permissions(role: Permission | null): Record<string, boolean> {
  const rank = role ? RANK.indexOf(role) : -1;
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: rank >= 0 };
}

/** Collaborator permissions, org membership and teams. */
export function registerTeams(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/collaborators/{username}/permission", (ctx) => {
      const repo = repoOf(ctx);
      const user = ctx.core.store.user(param(ctx, "username"));
      const role = roleOf(ctx, repo, user.login);
      return ok({
        permission: role ? LEGACY[role] : "none",
        role_name: role ?? "none",
        user: { ...userByLogin(ctx.core, user.login), permissions: permissions(role), role_name: role ?? "none" },
      });
    })
    .add("GET /repos/{owner}/{repo}/collaborators/{username}", (ctx) => {
      const repo = repoOf(ctx);
      if (!repo.collaborators.has(param(ctx, "username").toLowerCase())) throw notFound();
      return noContent();
    })
    .add("GET /repos/{owner}/{repo}/collaborators", (ctx) => {
      const repo = repoOf(ctx);
      const list = [...repo.collaborators.entries()].map(([login, role]) => ({ ...userByLogin(ctx.core, login), permissions: permissions(role), role_name: role }));
      return ok(paginate(ctx, list));
    })
    .add("GET /orgs/{org}", (ctx) => ok(orgJson(ctx.core, ctx.core.store.org(param(ctx, "org")))))
    .add("GET /orgs/{org}/members/{username}", (ctx) => {
      if (!ctx.core.store.isOrgMember(param(ctx, "org"), param(ctx, "username"))) throw notFound();
      return noContent();
    })
    .add("GET /orgs/{org}/teams", (ctx) => {
      const org = ctx.core.store.org(param(ctx, "org"));
      const teams = [...ctx.core.store.teams.values()].filter((t) => t.org === org.login);
      return ok(paginate(ctx, teams).map((t) => teamJson(ctx.core, t)));
    })
    .add("GET /orgs/{org}/teams/{team_slug}", (ctx) => {
      return ok(teamFullJson(ctx.core, ctx.core.store.team(param(ctx, "org"), param(ctx, "team_slug"))));
    })
    .add("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", (ctx) => {
      const team = ctx.core.store.team(param(ctx, "org"), param(ctx, "team_slug"));
      const login = param(ctx, "username");
      const member = team.members.get(login.toLowerCase());
      if (!member) throw notFound();
      return ok({ url: `${ctx.core.urls.api}/organizations/${ctx.core.store.org(team.org).id}/team/${team.id}/memberships/${login}`, role: member.role, state: member.state });
    })
    .add("GET /orgs/{org}/teams/{team_slug}/members", (ctx) => {
      const team = ctx.core.store.team(param(ctx, "org"), param(ctx, "team_slug"));
      const role = ctx.query.get("role") ?? "all";
      const members = [...team.members.entries()].filter(([, m]) => m.state === "active" && (role === "all" || m.role === role));
      return ok(paginate(ctx, members).map(([login]) => userByLogin(ctx.core, login)));
    })
    .add("GET /users/{username}", (ctx) => ok(userByLogin(ctx.core, ctx.core.store.user(param(ctx, "username")).login)));
}
