import type { Logger } from "probot";
import type { ChangeFacts } from "../change/facts.js";
import { evaluateChange, type ChangeResult } from "../change/policy.js";
import { renderCheckOutput } from "../change/render.js";
import { gateFiles } from "../change/gate-files.js";
import { formatConfigError } from "../config/errors.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { writeChangeCheck, type CheckWrite } from "../github/change-check.js";
import { readChangeFacts, type Pusher } from "../github/change-facts.js";
import { loadConfig } from "../github/load-config.js";
import { ensureReviewRecord, serialized } from "../github/review-record.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** What triggered an evaluation of a pull request's change control. */
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

export interface ChangeEvaluation {
  facts: ChangeFacts;
  result: ChangeResult;
  check: CheckWrite;
  /** The check run written or found unchanged on the head; null when the result was dropped. */
  checkId: number | null;
  /** The post-implementation review record, for a passing emergency change. */
  reviewRecord: { number: number; created: boolean } | null;
  /** GitHub API calls this evaluation made (config reads aside). */
  calls: number;
}

/**
 * The one way through for a pull request's `IMS / change control` check, shared by webhooks, the
 * re-run button and `/ims recheck`: config -> facts (read once) -> evaluateChange (pure) -> one check
 * write on the current head -> the review record of an emergency change. Evaluations of one pull
 * request run one after another in a process, so two events never interleave their writes.
 */
export function evaluatePullRequest(octokit: Octokit, r: RepoRef, number: number, trigger: ChangeTrigger, log: Logger): Promise<ChangeEvaluation> {
  return serialized(`change:${r.owner}/${r.repo}#${number}`.toLowerCase(), () => run(octokit, r, number, trigger, log));
}

async function run(octokit: Octokit, r: RepoRef, number: number, trigger: ChangeTrigger, log: Logger): Promise<ChangeEvaluation> {
  const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
  const config = resolved.config;
  const read = await readChangeFacts(octokit, r, number, config, {
    configErrors: resolved.errors.map(formatConfigError),
    now: trigger.now,
    freshProtection: trigger.freshProtection ?? false,
    gateFiles: gateFiles(resolved, `${r.owner}/${r.repo}`),
    pusher: trigger.pusher ?? null,
  });
  const { facts } = read;
  const result = evaluateChange(facts, config, trigger.now);
  const output = renderCheckOutput(result, { now: trigger.now, delivery: trigger.delivery });
  const written = await writeChangeCheck(octokit, r, { number, headSha: facts.pr.headSha, etag: read.etag, conclusion: result.conclusion, output, now: trigger.now });
  let calls = read.calls + written.calls;
  let reviewRecord: ChangeEvaluation["reviewRecord"] = null;
  if (result.postImplementationReview && written.write !== "dropped" && facts.pr.state === "open") {
    const pr = { number, title: read.title, author: facts.pr.author.login, headSha: facts.pr.headSha };
    const rec = await ensureReviewRecord(octokit, r, pr, result.postImplementationReview, trigger.now);
    calls += rec.calls;
    reviewRecord = { number: rec.record, created: rec.created };
  }
  log.info(
    { repo: `${r.owner}/${r.repo}`, pr: number, rule: "change.gate", head: facts.pr.headSha, conclusion: result.conclusion, check: written.write, calls, reviewRecord: reviewRecord?.number },
    written.write === "dropped" ? "change control result dropped: the head moved while it was computed" : "change control evaluated",
  );
  return { facts, result, check: written.write, checkId: written.id ?? null, reviewRecord, calls };
}

