import type { Logger } from "probot";
import { listOpenPulls } from "../github/open-pulls.js";
import { readPull } from "../github/pull-read.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { evaluateCommit, type ChangeTrigger, type CommitEvaluation, type PullEvaluation } from "./commit-flow.js";

export type { ChangeTrigger } from "./commit-flow.js";

/** A pull request's evaluation: its head commit's, or why there was none. */
export type ChangeEvaluation =
  | { kind: "evaluated"; number: number; commit: CommitEvaluation; /** This pull request's part; null when its head moved meanwhile. */ own: PullEvaluation | null }
  | { kind: "closed"; number: number; merged: boolean; headSha: string }
  | { kind: "moved"; number: number; headSha: string };

/**
 * Evaluates change control for a pull request's head commit. GitHub keeps check runs per commit, so
 * this is the commit's evaluation (evaluateCommit) over every open pull request with that head. A
 * closed pull request is not evaluated: its head's check belongs to the open pull requests with that
 * head, if any. `headSha` (from a webhook) saves finding the head in the open pull request list.
 */
export async function evaluatePullRequest(octokit: Octokit, r: RepoRef, number: number, trigger: ChangeTrigger, log: Logger, headSha?: string): Promise<ChangeEvaluation> {
  let sha = headSha;
  if (!sha) {
    const listed = (await listOpenPulls(octokit, r)).pulls.find((p) => p.number === number);
    if (listed) sha = listed.headSha;
    else {
      const data = await readPull(octokit, r, number);
      if (data.state !== "open") return { kind: "closed", number, merged: data.merged === true, headSha: data.head.sha };
      sha = data.head.sha;
    }
  }
  const commit = await evaluateCommit(octokit, r, sha, trigger, log, [number]);
  if (!commit) return { kind: "moved", number, headSha: sha };
  return { kind: "evaluated", number, commit, own: commit.pulls.find((p) => p.number === number) ?? null };
}
