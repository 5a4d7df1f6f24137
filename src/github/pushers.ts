import { withCalls } from "./call-counter.js";
import type { PushFacts } from "../change/facts.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** A deletion moves no code into the branch; every other activity does (a push, force-push, creation, merge into it). */
const NOT_A_PUSH: ReadonlySet<string> = new Set(["branch_deletion"]);
/** Pages of an approver's own activity (any branch) read to find pull-request commits they pushed elsewhere. */
const ELSEWHERE_PAGES = 3;
const PER_PAGE = 100;

export interface PushesRead {
  pushes: PushFacts[];
  checked: string[];
  unknown?: string;
  calls: number;
}

export interface PushTarget {
  /** The repository holding the head branch (a fork's own for a fork). */
  head: RepoRef;
  ref: string;
  /** The base repository: where a pull-request commit may have been pushed to another branch first. */
  base: RepoRef;
  /** The pull request's commit shas. */
  commits: string[];
}

type Activity = Awaited<ReturnType<Octokit["rest"]["repos"]["listActivities"]>>["data"][number];

/**
 * Whether each of `logins` pushed any of the pull request's code, from GitHub's record of pushes (the
 * repository activity API), so an instance that never saw the push webhook decides the same:
 * 1. every move of the head branch by the account (filtered by ref and actor: one call, the latest 100),
 *    also on an earlier branch of the same name (the safe side);
 * 2. a push of a pull-request commit to another branch of the base repository, later brought in by
 *    someone else (the account's latest 300 activities, newest first: one call per 100).
 * A push is known by the commit it left the branch at, so a push of several commits elsewhere whose last
 * one is not in the pull request is not seen. For a fork, (1) reads the fork's record (readable when
 * the fork is public).
 */
export async function readPushers(octokit: Octokit, t: PushTarget, logins: string[]): Promise<PushesRead> {
  return withCalls(octokit, async () => {
    const pushes: PushFacts[] = [];
    const ours = new Set(t.commits);
    const headRef = `refs/heads/${t.ref}`;
    const moved = (login: string) => (a: Activity) => !NOT_A_PUSH.has(a.activity_type) && a.actor?.login.toLowerCase() === login.toLowerCase();
    try {
      for (const login of logins) {
        const { data } = await octokit.rest.repos.listActivities({ ...t.head, ref: headRef, actor: login, per_page: PER_PAGE });
        const onHead = data.filter(moved(login));
        if (onHead.length > 0) {
          for (const a of onHead) pushes.push({ actor: a.actor?.login ?? login, kind: a.activity_type, ref: t.ref, at: a.timestamp, source: "activity", before: a.before, after: a.after });
          continue;
        }
        let page = 0;
        for await (const res of octokit.paginate.iterator(octokit.rest.repos.listActivities, { ...t.base, actor: login, per_page: PER_PAGE })) {
          const elsewhere = res.data.find((a) => moved(login)(a) && ours.has(a.after));
          if (elsewhere) {
            pushes.push({ actor: elsewhere.actor?.login ?? login, kind: elsewhere.activity_type, ref: elsewhere.ref.replace(/^refs\/heads\//, ""), at: elsewhere.timestamp, source: "activity", commit: elsewhere.after });
            break;
          }
          if (++page >= ELSEWHERE_PAGES) break;
        }
      }
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined) throw error;
      return { pushes, checked: [], unknown: `who pushed to ${t.head.owner}/${t.head.repo}:${t.ref} cannot be read (GitHub answered ${status}), so no approval can be shown to come from someone who did not push` };
    }
    return { pushes, checked: logins.map((l) => l.toLowerCase()) };
  });
}
