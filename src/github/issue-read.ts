import { issueFacts, type IssueFacts } from "./issue-facts.js";
import type { Octokit, RepoRef } from "./types.js";

/** An issue as GitHub holds it now, with its close reason (`completed`, `not_planned`, ...), which the facts leave out. */
export async function readIssueWithReason(octokit: Octokit, r: RepoRef, number: number): Promise<{ facts: IssueFacts; stateReason: string | null }> {
  const { data } = await octokit.rest.issues.get({ ...r, issue_number: number });
  return { facts: issueFacts(data as Parameters<typeof issueFacts>[0]), stateReason: data.state_reason ?? null };
}
