import type { Tokens } from "../auth.js";
import { Router } from "../router.js";
import { registerActivity } from "./activity.js";
import { registerApp } from "./app.js";
import { registerChecks } from "./checks.js";
import { registerComments } from "./comments.js";
import { registerDeployments } from "./deployments.js";
import { registerDispatch } from "./dispatch.js";
import { registerGitWrite } from "./git-write.js";
import { registerGraphql } from "../graphql/route.js";
import { registerOwnerRepos } from "./org-repos.js";
import { registerIssues } from "./issues.js";
import { registerLabels } from "./labels.js";
import { registerProtection } from "./protection.js";
import { registerPulls } from "./pulls.js";
import { registerRepos } from "./repos.js";
import { registerReviews } from "./reviews.js";
import { registerSearch } from "./search.js";
import { registerTeams } from "./teams.js";
import { registerTimeline } from "./timeline.js";
import { registerAlerts } from "./alerts.js";

/** Every REST route the simulator serves. */
export function buildRouter(tokens: Tokens): Router {
  const router = new Router();
  registerApp(router, tokens);
  registerRepos(router);
  registerGitWrite(router);
  registerActivity(router);
  registerLabels(router);
  registerIssues(router);
  registerComments(router);
  registerTimeline(router);
  registerPulls(router);
  registerReviews(router);
  registerChecks(router);
  registerSearch(router);
  registerTeams(router);
  registerProtection(router);
  registerDeployments(router);
  registerDispatch(router);
  registerGraphql(router);
  registerOwnerRepos(router);
  registerAlerts(router);
  return router;
}
