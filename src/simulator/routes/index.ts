import type { Tokens } from "../auth.js";
import { Router } from "../router.js";
import { registerApp } from "./app.js";
import { registerComments } from "./comments.js";
import { registerIssues } from "./issues.js";
import { registerLabels } from "./labels.js";
import { registerRepos } from "./repos.js";
import { registerTimeline } from "./timeline.js";

/** Every REST route the simulator serves. */
export function buildRouter(tokens: Tokens): Router {
  const router = new Router();
  registerApp(router, tokens);
  registerRepos(router);
  registerLabels(router);
  registerIssues(router);
  registerComments(router);
  registerTimeline(router);
  return router;
}
