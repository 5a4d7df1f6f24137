import type { FlaggedDeployment } from "../dashboard/facts.js";
import { ownDeployRun } from "./deploy-facts.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: the newest deployments per gated environment whose gate check the dashboard reads. */
export const DASHBOARD_DEPLOYMENTS_MAX = 5;

/** Whether a deployment's latest status says it ran (`in_progress` or `success`; 1 call). */
async function saysItRan(octokit: Octokit, r: RepoRef, id: number): Promise<boolean> {
  const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...r, deployment_id: id, per_page: 1 });
  return data[0]?.state === "in_progress" || data[0]?.state === "success";
}

/**
 * The newest deployments of each gated environment (1 call each) whose gate check run (1 call each, up
 * to DASHBOARD_DEPLOYMENTS_MAX) says the detective control flagged them (`neutral`: not approved), or
 * says the rule rejected them while their status says they ran (one more call each).
 */
export async function readFlaggedDeployments(octokit: Octokit, r: RepoRef, environments: readonly string[]): Promise<FlaggedDeployment[]> {
  const flagged: FlaggedDeployment[] = [];
  for (const environment of environments) {
    const { data } = await octokit.rest.repos.listDeployments({ ...r, environment, per_page: DASHBOARD_DEPLOYMENTS_MAX });
    for (const d of data.slice(0, DASHBOARD_DEPLOYMENTS_MAX)) {
      const run = await ownDeployRun(octokit, r, { id: d.id, sha: d.sha, environment: d.environment });
      if (run?.status !== "completed") continue;
      // neutral: the detective control found it unapproved; failure: the rule rejected it, yet its
      // status says it ran (reported through the API, out of band): both are shown
      if (run.conclusion === "neutral" || (run.conclusion === "failure" && (await saysItRan(octokit, r, d.id)))) {
        flagged.push({ id: d.id, environment: d.environment, sha: d.sha, creator: d.creator?.login ?? "ghost", title: run.title });
      }
    }
  }
  return flagged;
}
