import { num, ok, paginate } from "../http.js";
import { timelineJson } from "../json/timeline.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

export function registerTimeline(router: Router): void {
  router.add("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.core.store.issue(repo, num(ctx, "issue_number"));
    const events = paginate(ctx, issue.timeline);
    return ok(events.map((e) => timelineJson(ctx.core, repo, issue, e)).filter((e) => e !== undefined));
  });
}
