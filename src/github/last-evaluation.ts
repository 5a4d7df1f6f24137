import { recheckVerdict, stampOf, stampedAt, type RecheckVerdict } from "../change/recheck-limit.js";
import { counting } from "./call-counter.js";
import { newestOwnRun } from "./own-run.js";
import { readPull } from "./pull-read.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

/** Whether an evaluation on request may run now, and the GitHub calls it took to know. */
export interface RequestGate {
  verdict: RecheckVerdict;
  headSha: string;
  calls: number;
}

/**
 * When this app last evaluated the head on request, read from GitHub (the newest own run of the check
 * on that commit carries it in `external_id`), so replicas and restarts agree without shared memory.
 */
export async function lastRequestedEvaluation(octokit: Octokit, r: RepoRef, headSha: string): Promise<Date | null> {
  return stampedAt((await newestOwnRun(octokit, r, headSha))?.externalId);
}

/** The gate for a re-run of the check on `headSha` (1 call). */
export async function gateHead(octokit: Octokit, r: RepoRef, headSha: string, now: Date, interval: number): Promise<RequestGate> {
  const { value: last, calls } = await counting(octokit, () => lastRequestedEvaluation(octokit, r, headSha));
  return { verdict: recheckVerdict(last, now, interval), headSha, calls };
}

/** The gate for `/ims recheck` on a pull request: its head, then that head's run (2 calls). */
export async function gatePull(octokit: Octokit, r: RepoRef, number: number, now: Date, interval: number): Promise<RequestGate> {
  const { value: gate, calls } = await counting(octokit, async () => gateHead(octokit, r, (await readPull(octokit, r, number)).head.sha, now, interval));
  return { ...gate, calls };
}

/**
 * Records an evaluation on request on the run it wrote (1 call). Only `external_id` is sent: GitHub
 * keeps the conclusion and output as they are, so this never changes the result anyone sees. The
 * result is already written: a stamp GitHub refuses (the run deleted meanwhile) only means the next
 * request is not limited, so it is reported, not thrown.
 */
export async function stampRequestedEvaluation(octokit: Octokit, r: RepoRef, checkRunId: number, now: Date): Promise<{ stamped: boolean; calls: number }> {
  try {
    await octokit.rest.checks.update({ ...r, check_run_id: checkRunId, external_id: stampOf(now) });
    return { stamped: true, calls: 1 };
  } catch (error) {
    if (statusOf(error) === undefined) throw error;
    return { stamped: false, calls: 1 };
  }
}
