import type { PushFacts } from "../change/facts.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** A deletion moves no code into the branch; every other activity does (a push, force-push, creation, merge into it). */
const NOT_A_PUSH = new Set(["branch_deletion"]);

export interface PushesRead {
  pushes: PushFacts[];
  checked: string[];
  unknown?: string;
  calls: number;
}

/**
 * Whether each of `logins` ever moved the head branch, from GitHub's record of pushes (the repository
 * activity API, filtered by ref and actor: one call per login, usually one or two standing approvals),
 * so an instance that never saw the push webhook decides the same. The record is kept by the
 * repository that holds the branch: for a fork, the fork's (readable when the fork is public). Any
 * push by the account counts, also on an earlier branch of the same name: the safe side.
 */
export async function readPushers(octokit: Octokit, head: RepoRef, ref: string, logins: string[]): Promise<PushesRead> {
  let calls = 0;
  const pushes: PushFacts[] = [];
  try {
    for (const login of logins) {
      calls++;
      const { data } = await octokit.rest.repos.listActivities({ ...head, ref: `refs/heads/${ref}`, actor: login, per_page: 10 });
      const moved = data.find((a) => !NOT_A_PUSH.has(a.activity_type) && a.actor?.login.toLowerCase() === login.toLowerCase());
      if (moved) pushes.push({ actor: moved.actor?.login ?? login, kind: moved.activity_type, ref, at: moved.timestamp, source: "activity" });
    }
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined) throw error;
    return { pushes, checked: [], unknown: `who pushed to ${head.owner}/${head.repo}:${ref} cannot be read (GitHub answered ${status}), so no approval can be shown to come from someone who did not push`, calls };
  }
  return { pushes, checked: logins.map((l) => l.toLowerCase()), calls };
}
