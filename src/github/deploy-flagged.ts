import type { FlaggedDeployment } from "../dashboard/facts.js";
import { ownDeployRun } from "./deploy-facts.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: the newest deployments per gated environment whose gate check the dashboard reads. */
export const DASHBOARD_DEPLOYMENTS_MAX = 5;

/**
 * The newest deployments of each gated environment (1 call each) whose gate check run (1 call each, up
 * to DASHBOARD_DEPLOYMENTS_MAX) says the detective control flagged them (`neutral`: not approved).
 */
export async function readFlaggedDeployments(octokit: Octokit, r: RepoRef, environments: readonly string[]): Promise<FlaggedDeployment[]> {
  const flagged: FlaggedDeployment[] = [];
  for (const environment of environments) {
    const { data } = await octokit.rest.repos.listDeployments({ ...r, environment, per_page: DASHBOARD_DEPLOYMENTS_MAX });
    for (const d of data.slice(0, DASHBOARD_DEPLOYMENTS_MAX)) {
      const run = await ownDeployRun(octokit, r, { id: d.id, sha: d.sha, environment: d.environment });
      if (run?.status === "completed" && run.conclusion === "neutral") flagged.push({ id: d.id, environment: d.environment, sha: d.sha, creator: d.creator?.login ?? "ghost", title: run.title });
    }
  }
  return flagged;
}
