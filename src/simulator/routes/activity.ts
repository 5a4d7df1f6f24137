import { HttpError } from "../errors.js";
import { ok, type Ctx } from "../http.js";
import { nodeId, userByLogin } from "../json/user.js";
import type { Router } from "../router.js";
import type { Activity, ActivityType } from "../types.js";
import { repoOf } from "./repos.js";

const TYPES: ReadonlySet<ActivityType> = new Set<ActivityType>(["push", "force_push", "branch_creation", "branch_deletion", "pr_merge", "merge_queue_merge"]);
const PERIODS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 90, year: 365 };

const cursor = (id: number) => Buffer.from(`activity:${id}`).toString("base64");
function uncursor(value: string): number {
  const m = /^activity:(\d+)$/.exec(Buffer.from(value, "base64").toString("utf8"));
  if (!m) throw new HttpError(422, "Validation Failed", [{ resource: "Activity", field: "after", code: "invalid" }]);
  return Number(m[1]);
}

/** One entry in GitHub's `activity` shape. */
function activityJson(ctx: Ctx, a: Activity): Record<string, unknown> {
  return { id: a.id, node_id: nodeId("PushActivity", a.id), before: a.before, after: a.after, ref: a.ref, timestamp: a.timestamp, activity_type: a.activityType, actor: userByLogin(ctx.core, a.actor) };
}

/**
 * `GET /repos/{owner}/{repo}/activity`: pushes, force-pushes, branch creations and deletions and merges,
 * newest first by default, filtered by `ref` (`refs/heads/x` or `x`), `actor`, `activity_type` and
 * `time_period`; paged by `before`/`after` cursors in the Link header, as GitHub does.
 */
export function registerActivity(router: Router): void {
  router.add("GET /repos/{owner}/{repo}/activity", (ctx) => {
    const repo = repoOf(ctx);
    const q = ctx.query;
    const ref = q.get("ref");
    const fullRef = ref ? (ref.startsWith("refs/") ? ref : `refs/heads/${ref}`) : null;
    const actor = q.get("actor")?.toLowerCase() ?? null;
    const type = q.get("activity_type");
    if (type !== null && !TYPES.has(type as ActivityType)) throw new HttpError(422, "Validation Failed", [{ resource: "Activity", field: "activity_type", code: "invalid" }]);
    const period = q.get("time_period");
    if (period !== null && !(period in PERIODS)) throw new HttpError(422, "Validation Failed", [{ resource: "Activity", field: "time_period", code: "invalid" }]);
    const since = period ? ctx.core.clock.now().getTime() - PERIODS[period]! * 86_400_000 : null;
    const desc = (q.get("direction") ?? "desc") !== "asc";
    let items = repo.activity.filter((a) =>
      (!fullRef || a.ref === fullRef) && (!actor || a.actor.toLowerCase() === actor) && (!type || a.activityType === type) && (since === null || Date.parse(a.timestamp) >= since));
    if (desc) items = [...items].reverse();
    const perPage = Math.min(Math.max(Number(q.get("per_page") ?? 30) || 30, 1), 100);
    const after = q.get("after");
    let start = 0;
    if (after) {
      const id = uncursor(after);
      start = items.findIndex((a) => a.id === id) + 1;
    }
    const page = items.slice(start, start + perPage);
    if (start + perPage < items.length && page.length > 0) {
      const next = new URLSearchParams(q);
      next.set("after", cursor(page.at(-1)!.id));
      next.delete("before");
      ctx.resHeaders.link = `<${ctx.core.urls.api}${ctx.path}?${next.toString()}>; rel="next"`;
    }
    return ok(page.map((a) => activityJson(ctx, a)));
  });
}
