import type { Logger } from "probot";
import { basisHash, combineResults, type CommitResult } from "../change/commit-result.js";
import type { ChangeFacts } from "../change/facts.js";
import { evaluateChange, type ChangeResult } from "../change/policy.js";
import { renderCommitOutput } from "../change/render-commit.js";
import { formatConfigError } from "../config/errors.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { writeChangeCheck, type CheckWrite } from "../github/change-check.js";
import { readChangeFacts, type Pusher } from "../github/change-facts.js";
import { gateFiles } from "../change/gate-files.js";
import { loadConfig } from "../github/load-config.js";
import { openPullsWithHead } from "../github/open-pulls.js";
import { ensureReviewRecord, serialized } from "../github/review-record.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** What triggered an evaluation of change control. */
export interface ChangeTrigger {
  /** X-GitHub-Delivery (or the command comment) that caused it; null when unknown. */
  delivery: string | null;
  now: Date;
  /** Read branch protection fresh (`/ims recheck`). */
  freshProtection?: boolean;
  config?: ResolvedConfig;
  /** The sender of the `synchronize` being handled (see ReadOptions.pusher). */
  pusher?: Pusher | null;
}

/** One pull request's part in a commit's evaluation. */
export interface PullEvaluation {
  number: number;
  facts: ChangeFacts;
  result: ChangeResult;
  title: string;
  /** The post-implementation review record, for a passing emergency change. */
  reviewRecord: { number: number; created: boolean } | null;
}

export interface CommitEvaluation {
  sha: string;
  pulls: PullEvaluation[];
  commit: CommitResult;
  check: CheckWrite;
  /** The check run written or found unchanged on the commit; null when the result was dropped. */
  checkId: number | null;
  /** GitHub API calls this evaluation made (config reads aside). */
  calls: number;
}

/** Named limit: how often a result is computed again because the run or the pull requests changed meanwhile. */
export const MAX_RECOMPUTES = 2;

/**
 * The one way through for `IMS / change control` on a commit, shared by every entry point (pull
 * request events, reviews, re-runs, `/ims recheck`, change-record edits, the sweep): the open pull
 * requests whose head is the commit -> facts of each (read once) -> evaluateChange each (pure) ->
 * the strictest over them (combineResults) -> one conditional check write on the commit. `also` names
 * pull requests an event says have this head, in case the list lags. Evaluations of one commit run one
 * after another in a process; between instances the write is conditional (writeChangeCheck). Returns
 * null when no open pull request has this head (nothing is written).
 */
export function evaluateCommit(octokit: Octokit, r: RepoRef, sha: string, trigger: ChangeTrigger, log: Logger, also: number[] = []): Promise<CommitEvaluation | null> {
  return serialized(octokit, `change:${r.owner}/${r.repo}@${sha}`.toLowerCase(), () => run(octokit, r, sha, trigger, log, also));
}

async function run(octokit: Octokit, r: RepoRef, sha: string, trigger: ChangeTrigger, log: Logger, also: number[]): Promise<CommitEvaluation | null> {
  const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
  let calls = 0;
  let named = also;
  for (let attempt = 0; ; attempt++) {
    const computed = await computeCommit(octokit, r, sha, resolved, trigger, named);
    calls += computed.calls;
    if (!computed.commit) {
      log.info({ repo: `${r.owner}/${r.repo}`, head: sha, rule: "change.gate", calls }, "change control not written: no open pull request has this head");
      return null;
    }
    const { commit, pulls, basis, considered } = computed;
    const output = renderCommitOutput(commit, { now: trigger.now, delivery: trigger.delivery, basis });
    const numbers = pulls.map((p) => p.number);
    const written = await writeChangeCheck(octokit, r, { headSha: sha, pulls: numbers, considered, basis, conclusion: commit.conclusion, output, now: trigger.now, force: attempt >= MAX_RECOMPUTES });
    calls += written.calls;
    if (written.write === "recompute") {
      if (written.recorded) named = [...new Set([...named, ...written.recorded])];
      log.info({ repo: `${r.owner}/${r.repo}`, head: sha, rule: "change.gate", reason: written.reason, attempt }, "change control computed again: its inputs changed before the write");
      if (attempt < MAX_RECOMPUTES) continue;
    }
    const check = written.write === "recompute" ? "dropped" : written.write;
    for (const p of pulls) {
      const pir = p.result.postImplementationReview;
      if (!pir || check === "dropped" || commit.conclusion !== "success") continue;
      const rec = await ensureReviewRecord(octokit, r, { number: p.number, title: p.title, author: p.facts.pr.author.login, headSha: sha }, pir, trigger.now);
      calls += rec.calls;
      p.reviewRecord = { number: rec.record, created: rec.created };
    }
    log.info(
      { repo: `${r.owner}/${r.repo}`, prs: numbers, rule: "change.gate", head: sha, conclusion: commit.conclusion, decidedBy: commit.decidedBy, check, calls },
      check === "dropped" ? "change control result dropped: no open pull request has this head any more" : "change control evaluated",
    );
    return { sha, pulls, commit, check, checkId: "id" in written && written.id !== undefined ? written.id : null, calls };
  }
}

/** The commit's result over every open pull request with this head, without writing it (merge groups use it for each pull request's head). */
export async function computeCommit(octokit: Octokit, r: RepoRef, sha: string, resolved: ResolvedConfig, trigger: ChangeTrigger, also: number[]) {
  const open = await openPullsWithHead(octokit, r, sha);
  let calls = open.calls;
  const numbers = [...new Set([...open.pulls.map((p) => p.number), ...also])].sort((a, b) => a - b);
  const configErrors = resolved.errors.map(formatConfigError);
  const files = gateFiles(resolved, `${r.owner}/${r.repo}`);
  const reads = await Promise.all(numbers.map((n) => readChangeFacts(octokit, r, n, resolved.config, { configErrors, now: trigger.now, freshProtection: trigger.freshProtection ?? false, gateFiles: files, pusher: trigger.pusher ?? null })));
  calls += reads.reduce((sum, x) => sum + x.calls, 0);
  // a pull request whose head moved, or that closed, since the event is not this commit's any more
  const mine = reads.filter((x) => x.facts.pr.headSha === sha);
  const here = mine.filter((x) => x.facts.pr.state === "open");
  if (here.length === 0) return { commit: null, pulls: [], basis: "", considered: numbers, calls } as const;
  const evaluated = (x: (typeof reads)[number]): PullEvaluation => ({ number: x.facts.pr.number, facts: x.facts, result: evaluateChange(x.facts, resolved.config, trigger.now), title: x.title, reviewRecord: null });
  // a change closed without merging can be reopened and merged in one go, before its reopening is
  // evaluated: until then it holds the commit to its own result, so that another pull request with this
  // head cannot leave the commit neutral (or passing) for it. It never weakens the result (not neutral).
  const held = mine.filter((x) => x.facts.pr.state === "closed" && !x.merged).map(evaluated).filter((p) => p.result.conclusion !== "neutral")
    .map((p) => ({ ...p, result: { ...p.result, title: `closed without merging, holds this commit until it is reopened and evaluated: ${p.result.title}`.slice(0, 200), postImplementationReview: null } }));
  const pulls: PullEvaluation[] = [...here.map(evaluated), ...held].sort((a, b) => a.number - b.number);
  const commit = combineResults(sha, pulls.map((p) => ({ number: p.number, baseRef: p.facts.pr.baseRef, result: p.result })));
  const basis = basisHash({ sha, facts: pulls.map((p) => p.facts), config: resolved.config, errors: configErrors });
  return { commit, pulls, basis, considered: numbers, calls };
}
