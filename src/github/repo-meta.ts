import type { Octokit, RepoRef } from "./types.js";

/** What onboarding reads of a repository itself (installation webhooks list neither `archived` nor `fork`). */
export interface RepoMeta {
  archived: boolean;
  fork: boolean;
  defaultBranch: string;
}

/** `GET /repos/{owner}/{repo}`: one call. */
export async function readRepoMeta(octokit: Octokit, r: RepoRef): Promise<RepoMeta> {
  const { data } = await octokit.rest.repos.get({ ...r });
  return { archived: data.archived === true, fork: data.fork === true, defaultBranch: data.default_branch };
}
