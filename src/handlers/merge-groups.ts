import type { Context } from "probot";
import { evaluateCommit } from "../flows/commit-flow.js";
import { evaluateMergeGroup, recordedGroup } from "../flows/merge-group-flow.js";
import { intervalMs, recheckVerdict, stampedAt } from "../change/recheck-limit.js";
import { stampRequestedEvaluation } from "../github/last-evaluation.js";
import { newestOwnRun } from "../github/own-run.js";
import { loadConfig } from "../github/load-config.js";
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
 * commit is evaluated as its group, any other commit over every open pull request whose head it is.
 * Which one it is comes from this app's own newest run on the commit (recordedGroup), never from the
 * branch, which whoever pushed it named; the same read gives the re-run limit.
 */
export async function rerunCommit(context: Context<"check_run"> | Context<"check_suite">, env: HandlerEnv, sha: string): Promise<void> {
  const r = repoOf(context.payload);
  const octokit = context.octokit as Octokit;
  const now = env.now();
  const run = await newestOwnRun(octokit, r, sha);
  const group = recordedGroup(run?.summary, sha);
  // a queue's commit is short-lived and re-run only by the queue's users: its evaluation is not limited
  if (group) return void (await evaluateMergeGroup(octokit, r, group, { delivery: context.id ?? null, now }, context.log));
  const config = await loadConfig(octokit, r.owner, r.repo);
  const verdict = recheckVerdict(stampedAt(run?.externalId), now, intervalMs(config.config.change.recheck.minInterval));
  if (!verdict.allowed) {
    // a re-run has no reply: the check stays as it is, and the log says why
    context.log.info({ repo: `${r.owner}/${r.repo}`, head: sha, rule: "change.recheck", last: verdict.last, next: verdict.next }, "re-run refused: evaluated on request too recently");
    return;
  }
  const e = await evaluateCommit(octokit, r, sha, { delivery: context.id ?? null, now, config }, context.log);
  if (e?.checkId != null && !(await stampRequestedEvaluation(octokit, r, e.checkId, now)).stamped) {
    context.log.warn({ repo: `${r.owner}/${r.repo}`, head: sha, rule: "change.recheck", check: e.checkId }, "re-run evaluated, but GitHub refused to record it on the check run: the next re-run is not limited");
  }
}

/** `check_suite.rerequested` ("Re-run all checks") on this app's suite: like a re-run of the check. */
export async function onCheckSuite(context: Context<"check_suite">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "rerequested") return;
  await rerunCommit(context, env, p.check_suite.head_sha);
}
