import { createIssue, type NewIssue } from "./issue-create.js";
import type { Octokit, RepoRef } from "./types.js";

export interface CreateOnce {
  /**
   * After ours is created: the numbers of every issue that stands for the same thing now (read
   * again, so a racing instance's issue shows), ours included or not.
   */
  listAgain: (created: number) => Promise<number[]>;
  /** The comment left on ours when another stays; none when ours is only closed. */
  duplicateNote?: (kept: number) => string;
}

/** What createIssueOnce left: the issue that stays, and ours. */
export interface CreatedOnce {
  /** The issue that stands for the record: the lowest number of those listed again. */
  kept: number;
  /** The issue this call opened (closed as not planned when it is not `kept`). */
  created: number;
  duplicate: boolean;
}

/**
 * Creates an issue, lists again, keeps the lowest number and closes ours as a duplicate when another
 * instance opened one at the same moment: the one way the app opens a record exactly once across
 * instances (a lock covers one process, this covers the rest). Looking for an existing one first is
 * the caller's, as each record is found by its own marker.
 */
export async function createIssueOnce(octokit: Octokit, r: RepoRef, issue: NewIssue, once: CreateOnce): Promise<CreatedOnce> {
  const data = await createIssue(octokit, r, issue);
  const kept = Math.min(data.number, ...(await once.listAgain(data.number)));
  if (kept === data.number) return { kept, created: data.number, duplicate: false };
  if (once.duplicateNote) await octokit.rest.issues.createComment({ ...r, issue_number: data.number, body: once.duplicateNote(kept) });
  await octokit.rest.issues.update({ ...r, issue_number: data.number, state: "closed", state_reason: "not_planned" });
  return { kept, created: data.number, duplicate: true };
}
