import { num, ok, paginate } from "../http.js";
import { ALERT_KINDS, alertOf, alertsOf, type AlertKind } from "../ops/alerts.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

/** `GET /repos/{owner}/{repo}/{dependabot|code-scanning|secret-scanning}/alerts[/{alert_number}]`, `state` filtered as GitHub does. */
export function registerAlerts(router: Router): void {
  for (const kind of Object.keys(ALERT_KINDS) as AlertKind[]) {
    const path = ALERT_KINDS[kind].path;
    router.add(`GET /repos/{owner}/{repo}/${path}/alerts`, (ctx) => {
      const repo = repoOf(ctx);
      const wanted = ctx.query.get("state")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      const list = alertsOf(ctx.core, repo, kind).filter((a) => wanted.length === 0 || wanted.includes(String(a.state)));
      return ok(paginate(ctx, list));
    });
    router.add(`GET /repos/{owner}/{repo}/${path}/alerts/{alert_number}`, (ctx) => ok(alertOf(ctx.core, repoOf(ctx), kind, num(ctx, "alert_number"))));
  }
}
