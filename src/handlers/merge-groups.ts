import type { Context } from "probot";
import { evaluateCommit } from "../flows/commit-flow.js";
import { evaluateMergeGroup, groupFromBranch, isQueueBranch } from "../flows/merge-group-flow.js";
import type { Octokit } from "../github/types.js";
import type { HandlerEnv } from "./guard.js";
import { repoOf } from "./pull-requests.js";

/**
 * `merge_group.checks_requested`: a repository that requires `IMS / change control` and uses a merge
 * queue waits for the check on the group's commit. `destroyed` needs nothing: the group's branch and
 * commit are gone, and its pull requests' own checks stay as they are.
 */
export async function onMergeGroup(context: Context<"merge_group">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "checks_requested" || !p.repository) return;
  const g = p.merge_group;
  await evaluateMergeGroup(context.octokit as Octokit, repoOf({ repository: p.repository }), { headSha: g.head_sha, headRef: g.head_ref, baseSha: g.base_sha, baseRef: g.base_ref }, { delivery: context.id ?? null, now: env.now() }, context.log);
}

/**
 * A re-run ("Re-run" on the check, "Re-run all checks" on the suite) of a commit: a merge queue's
 * commit is evaluated as its group (its branch names it), any other commit over every open pull
 * request whose head it is.
 */
export async function rerunCommit(context: Context<"check_run"> | Context<"check_suite">, env: HandlerEnv, sha: string, branch: string | null): Promise<void> {
  const r = repoOf(context.payload);
  const trigger = { delivery: context.id ?? null, now: env.now() };
  const group = branch && isQueueBranch(branch) ? groupFromBranch(branch, sha) : null;
  if (group) await evaluateMergeGroup(context.octokit as Octokit, r, group, trigger, context.log);
  else await evaluateCommit(context.octokit as Octokit, r, sha, trigger, context.log);
}

/** `check_suite.rerequested` ("Re-run all checks") on this app's suite: like a re-run of the check. */
export async function onCheckSuite(context: Context<"check_suite">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "rerequested") return;
  await rerunCommit(context, env, p.check_suite.head_sha, p.check_suite.head_branch);
}
