import { validation } from "../errors.js";
import { noContent, str } from "../http.js";
import type { Router } from "../router.js";
import { repoOf } from "./repos.js";

/** `POST /repos/{owner}/{repo}/dispatches` emits `repository_dispatch` with the event type as action. */
export function registerDispatch(router: Router): void {
  router.add("POST /repos/{owner}/{repo}/dispatches", (ctx) => {
    const repo = repoOf(ctx);
    const eventType = str(ctx.body, "event_type");
    if (!eventType) throw validation("RepositoryDispatch", "event_type", "missing_field");
    const payload = ctx.body.client_payload;
    ctx.core.emitRepo("repository_dispatch", repo, ctx.actor, {
      action: eventType,
      branch: repo.defaultBranch,
      client_payload: typeof payload === "object" && payload !== null ? payload : {},
    });
    return noContent();
  });
}
