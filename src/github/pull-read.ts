import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** A pull request as `GET /repos/{o}/{r}/pulls/{n}` returns it. */
export type ApiPullRequest = Awaited<ReturnType<Octokit["rest"]["pulls"]["get"]>>["data"];

/** Reads one pull request (1 call). */
export async function readPull(octokit: Octokit, r: RepoRef, number: number): Promise<ApiPullRequest> {
  return (await octokit.rest.pulls.get({ ...r, pull_number: number })).data;
}

/** Reads one pull request, or null when GitHub answers 404 (deleted, or never there) (1 call). */
export async function readPullIfAny(octokit: Octokit, r: RepoRef, number: number): Promise<ApiPullRequest | null> {
  try {
    return await readPull(octokit, r, number);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
