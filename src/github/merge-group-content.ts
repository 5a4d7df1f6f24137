import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** GitHub's compare lists at most 300 files and 250 commits: a list that long may hide something. */
const COMPARE_FILES_MAX = 300;

/** A file as a compare gives it: its status and its blob (the content's git object id). */
export interface ComparedFile {
  status: string;
  /** null when GitHub gives none (an unchanged file in a rename): never matches. */
  sha: string | null;
}

export interface Compared {
  files: Map<string, ComparedFile>;
  /** Commits in base..head, with their parents and messages. */
  commits: Array<{ sha: string; parents: string[]; message: string }>;
  /** Why the compare cannot be trusted to be whole; null when it can. */
  cut: string | null;
}

/** One three-dot compare (`base...head`): the files changed from the merge base to head, and the commits. */
export async function compare(octokit: Octokit, r: RepoRef, base: string, head: string): Promise<Compared> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${base}...${head}`, per_page: 250 });
    const files = new Map((data.files ?? []).map((f) => [f.filename, { status: f.status, sha: f.sha }]));
    const commits = data.commits.map((c) => ({ sha: c.sha, parents: c.parents.map((p) => p.sha), message: c.commit.message }));
    const cut = (data.files?.length ?? 0) >= COMPARE_FILES_MAX ? `the compare of ${base.slice(0, 7)}...${head.slice(0, 7)} lists ${COMPARE_FILES_MAX} files, GitHub's limit`
      : data.total_commits > commits.length ? `the compare of ${base.slice(0, 7)}...${head.slice(0, 7)} lists ${commits.length} of ${data.total_commits} commits` : null;
    return { files, commits, cut };
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined) throw error;
    return { files: new Map(), commits: [], cut: `the compare of ${base.slice(0, 7)}...${head.slice(0, 7)} failed (HTTP ${status})` };
  }
}

/**
 * Files of the group's commit that no member's own changes account for: a file changed against the
 * group's base must be changed by some pull request of the group to exactly the same content (the
 * same blob), or removed by one. A file two of them change, or one the target also changed since a
 * pull request split from it, differs from both and so fails closed, as a target merge does.
 */
export function unexplainedFiles(group: Map<string, ComparedFile>, own: Array<Map<string, ComparedFile>>): string[] {
  const out: string[] = [];
  for (const [name, f] of group) {
    const ok = own.some((m) => {
      const mine = m.get(name);
      if (!mine) return false;
      return f.status === "removed" ? mine.status === "removed" : mine.status !== "removed" && mine.sha !== null && mine.sha === f.sha;
    });
    if (!ok) out.push(name);
  }
  return out.sort();
}
