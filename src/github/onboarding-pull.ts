import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** A pull request from the onboarding branch, as onboarding needs it. */
export interface OnboardingPull {
  number: number;
  state: "open" | "closed";
  merged: boolean;
}

/** The pull request from `branch` in this repository, open or closed (one call: `head` and `state=all`). */
export async function findPullFromBranch(octokit: Octokit, r: RepoRef, branch: string): Promise<OnboardingPull | null> {
  const { data } = await octokit.rest.pulls.list({ ...r, head: `${r.owner}:${branch}`, state: "all", per_page: 10 });
  // the lowest number is the first offer; a second one could only come from a race and is left to people
  const first = [...data].sort((a, b) => a.number - b.number)[0];
  return first ? { number: first.number, state: first.state === "open" ? "open" : "closed", merged: first.merged_at != null } : null;
}

/** Which of `paths` exist on `ref`: one directory listing per folder that holds them (two for the onboarding files). */
export async function existingPaths(octokit: Octokit, r: RepoRef, ref: string, paths: readonly string[]): Promise<Set<string>> {
  const folders = [...new Set(paths.map((p) => p.slice(0, p.lastIndexOf("/"))))].sort();
  const found = new Set<string>();
  const missingFolders = new Set<string>();
  for (const folder of folders) {
    // a folder inside a missing one is missing too: no call
    if ([...missingFolders].some((m) => folder.startsWith(`${m}/`))) continue;
    try {
      const { data } = await octokit.rest.repos.getContent({ ...r, path: folder, ref });
      for (const entry of Array.isArray(data) ? data : []) found.add(entry.path);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      missingFolders.add(folder);
    }
  }
  return new Set(paths.filter((p) => found.has(p)));
}

/**
 * Creates `branch` at the default branch's head (two calls); an existing branch is reused, since a
 * restart may have left it half written.
 */
export async function ensureBranch(octokit: Octokit, r: RepoRef, branch: string, from: string): Promise<void> {
  const { data: base } = await octokit.rest.git.getRef({ ...r, ref: `heads/${from}` });
  try {
    await octokit.rest.git.createRef({ ...r, ref: `refs/heads/${branch}`, sha: base.object.sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error; // Reference already exists
  }
}

/**
 * Writes a file on `branch` unless it is there already (one call: the contents API refuses a write
 * without the `sha` of an existing file with 422, which here means "someone wrote it first").
 * Returns whether it was written.
 */
export async function writeNewFile(octokit: Octokit, r: RepoRef, branch: string, path: string, content: string, message: string): Promise<boolean> {
  try {
    await octokit.rest.repos.createOrUpdateFileContents({ ...r, branch, path, message, content: Buffer.from(content, "utf8").toString("base64") });
    return true;
  } catch (error) {
    if (statusOf(error) === 422) return false;
    throw error;
  }
}

/** Opens the pull request (one call). */
export async function openPull(octokit: Octokit, r: RepoRef, input: { head: string; base: string; title: string; body: string }): Promise<number> {
  const { data } = await octokit.rest.pulls.create({ ...r, ...input });
  return data.number;
}

/** Reopens a closed pull request (one call). */
export async function reopenPull(octokit: Octokit, r: RepoRef, number: number): Promise<void> {
  await octokit.rest.pulls.update({ ...r, pull_number: number, state: "open" });
}
