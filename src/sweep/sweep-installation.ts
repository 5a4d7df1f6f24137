import type { Logger } from "probot";
import { listInstallationRepos } from "../github/installations.js";
import type { Octokit } from "../github/types.js";
import { mapPool } from "./pool.js";
import { sweepRepo, type SweepOptions, type SweepStats } from "./sweep-repo.js";

/** Named limit: repositories of one installation swept at once. */
export const REPO_CONCURRENCY = 2;

/** Sweeps every repository of an installation (`GET /installation/repositories`, 100 a page). */
export async function sweepInstallation(octokit: Octokit, opts: SweepOptions): Promise<SweepStats[]> {
  const list = (await listInstallationRepos(octokit)).filter((r) => !r.archived);
  return mapPool(list, REPO_CONCURRENCY, (repo) => sweepRepo(octokit, { owner: repo.owner.login, repo: repo.name }, opts));
}
