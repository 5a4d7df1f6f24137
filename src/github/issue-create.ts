import type { Octokit, RepoRef } from "./types.js";

/** An issue the app opens: title, body, labels (which exist already: ensureLabels first). */
export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

/** Opens an issue (1 call); returns its number. */
export async function createIssue(octokit: Octokit, r: RepoRef, issue: NewIssue): Promise<{ number: number }> {
  const { data } = await octokit.rest.issues.create({ ...r, ...issue });
  return { number: data.number };
}
