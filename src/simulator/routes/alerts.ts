import { num, ok, paginate, paginateByCursor } from "../http.js";
import { ALERT_KINDS, alertOf, alertsOf, type AlertKind } from "../ops/alerts.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";
import { installedRepos } from "../json/installation.js";
import { repoJson } from "../json/repo.js";

/**
 * `GET /orgs/{org}/{dependabot|code-scanning|secret-scanning}/alerts`: the alerts of the organisation's
 * repositories the installation can see, each with its `repository` (GitHub's simple repository), `state`
 * filtered, paginated (the Dependabot list by cursor, `after`, as GitHub pages it; the others by number).
 */
function registerOrgAlerts(router: Router): void {
  for (const kind of Object.keys(ALERT_KINDS) as AlertKind[]) {
    router.add(`GET /orgs/{org}/${ALERT_KINDS[kind].path}/alerts`, (ctx) => {
      const org = ctx.core.store.org(ctx.params.org ?? "");
      const wanted = ctx.query.get("state")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      const repos = installedRepos(ctx.core, ctx.identity.kind === "installation" ? (ctx.core.installationById(ctx.identity.installationId) ?? ctx.core.primary) : ctx.core.installationOn(org.login)).filter((r) => r.owner.toLowerCase() === org.login.toLowerCase());
      const list = repos.flatMap((repo) =>
        alertsOf(ctx.core, repo, kind)
          .filter((a) => wanted.length === 0 || wanted.includes(String(a.state)))
          .map((a) => ({ ...a, repository: repoJson(ctx.core, repo) })),
      );
      return ok(kind === "dependabot" ? paginateByCursor(ctx, list) : paginate(ctx, list));
    });
  }
}

/** Dependabot's comma-separated `ecosystem`, `package` and `severity` filters, as GitHub applies them. */
function dependabotFilters(query: URLSearchParams, a: Record<string, unknown>): boolean {
  const vuln = (a.security_vulnerability ?? {}) as { package?: { ecosystem?: string; name?: string }; severity?: string };
  const one = (name: string, value: string | undefined) => {
    const wanted = query.get(name)?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
    return wanted.length === 0 || (value !== undefined && wanted.includes(value));
  };
  if (!a.security_vulnerability) return true;
  return one("ecosystem", vuln.package?.ecosystem) && one("package", vuln.package?.name) && one("severity", vuln.severity);
}

/** `GET /repos/{owner}/{repo}/{dependabot|code-scanning|secret-scanning}/alerts[/{alert_number}]`, `state` filtered as GitHub does. */
export function registerAlerts(router: Router): void {
  registerOrgAlerts(router);
  for (const kind of Object.keys(ALERT_KINDS) as AlertKind[]) {
    const path = ALERT_KINDS[kind].path;
    router.add(`GET /repos/{owner}/{repo}/${path}/alerts`, (ctx) => {
      const repo = repoOf(ctx);
      const wanted = ctx.query.get("state")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      const list = alertsOf(ctx.core, repo, kind).filter((a) => (wanted.length === 0 || wanted.includes(String(a.state))) && dependabotFilters(ctx.query, a));
      return ok(kind === "dependabot" ? paginateByCursor(ctx, list) : paginate(ctx, list));
    });
    router.add(`GET /repos/{owner}/{repo}/${path}/alerts/{alert_number}`, (ctx) => ok(alertOf(ctx.core, repoOf(ctx), kind, num(ctx, "alert_number"))));
  }
}
