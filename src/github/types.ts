import type { ProbotOctokit } from "probot";

/** The Octokit every GitHub-facing function takes (an installation-authenticated Probot Octokit). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** A repository coordinate. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A GitHub error status, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const s = (error as { status?: unknown }).status;
  return typeof s === "number" ? s : undefined;
}
