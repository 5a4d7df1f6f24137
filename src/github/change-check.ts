import { CHANGE_CHECK_NAME } from "../change/facts.js";
import type { Conclusion } from "../change/policy.js";
import type { CheckOutput } from "../change/render.js";
import { counting } from "./call-counter.js";
import { newestOwnRun } from "./own-run.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";
import { decodeTraces } from "../core/trace.js";
import { openPullsWithHead } from "./open-pulls.js";

export type CheckWrite = "created" | "updated" | "unchanged" | "dropped";

export interface CheckRequest {
  /** The commit the result was computed for. */
  headSha: string;
  /** The open pull requests whose head it is, as the result was computed for them; undefined for a merge group's commit (no pull request has it as head). */
  pulls?: number[];
  /** Hash of the inputs (facts and config) the result was computed from; carried in the run's trace. */
  basis: string;
  /** Every pull request whose facts the result was computed from (counted or not); default `pulls`. */
  considered?: number[];
  conclusion: Conclusion;
  output: CheckOutput;
  now: Date;
  /** Write even when the run holds a result from other, newer inputs (after a recompute). */
  force?: boolean;
}

/** What the conditional write did, or why the result must be computed again first. */
type Outcome =
  | { write: CheckWrite; id?: number }
  | { write: "recompute"; reason: string; /** Pull requests the run was computed for that this result was not: compute again with them too. */ recorded?: number[] };

/** The outcome, and the requests it took (counted where they are sent). */
export type WriteOutcome = Outcome & { calls: number };

/**
 * Creates or updates `IMS / change control` on the commit, conditional on the state the result was
 * computed from. The open pull requests with this head are listed again (a free 304 when none
 * changed): when one the result was not computed for has appeared, the caller recomputes, and when
 * none is left the result is dropped (the push that moved it triggers its own evaluation). Then the
 * latest run on the commit is read: when it carries a result computed from other inputs at a later
 * time (another instance evaluated a newer event meanwhile), the caller recomputes instead of
 * overwriting it. A run with the same conclusion, title and summary (traces aside)
 * is left alone.
 */
export async function writeChangeCheck(octokit: Octokit, r: RepoRef, req: CheckRequest): Promise<WriteOutcome> {
  const { value, calls } = await counting(octokit, () => write(octokit, r, req));
  return { ...value, calls };
}

async function write(octokit: Octokit, r: RepoRef, req: CheckRequest): Promise<Outcome> {
  const done = { status: "completed" as const, conclusion: req.conclusion, completed_at: req.now.toISOString(), output: req.output };
  const summary = withoutTrace(req.output.summary);
  if (req.pulls) {
    const open = await openPullsWithHead(octokit, r, req.headSha);
    const now = open.pulls.map((p) => p.number);
    if (now.length === 0) return { write: "dropped" };
    // a pull request the result was not computed for could make it stricter; one more only ever makes it stricter
    const pulls = req.pulls;
    const unseen = now.filter((n) => !pulls.includes(n));
    if (unseen.length > 0) return { write: "recompute", reason: `pull requests ${unseen.map((n) => `#${n}`).join(", ")} now have this head too` };
  }
  const existing = await newestOwnRun(octokit, r, req.headSha);
  if (existing && !req.force) {
    // a pull request the run was computed for and this result was not (closed, or its head moved): the
    // result is computed again with it, which keeps it only when it is closed unmerged with this head
    const considered = req.considered ?? req.pulls;
    const missing = considered ? recordedPulls(existing.summary).filter((n) => !considered.includes(n)) : [];
    if (missing.length > 0) return { write: "recompute", reason: `the run was computed for ${missing.map((n) => `#${n}`).join(", ")} too`, recorded: missing };
    const newer = newerBasis(existing.summary, req.basis, req.now);
    if (newer) return { write: "recompute", reason: newer };
  }
  if (existing) {
    const same = existing.status === "completed" && existing.conclusion === req.conclusion && existing.title === req.output.title && withoutTrace(existing.summary) === summary;
    if (same) return { write: "unchanged", id: existing.id };
    try {
      await octokit.rest.checks.update({ ...r, check_run_id: existing.id, ...done });
      return { write: "updated", id: existing.id };
    } catch (error) {
      // another app's run of the same name, or one deleted meanwhile: write our own
      if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    }
  }
  const created = await octokit.rest.checks.create({ ...r, name: CHANGE_CHECK_NAME, head_sha: req.headSha, started_at: req.now.toISOString(), ...done });
  return { write: "created", id: created.data.id };
}

/**
 * Why the run's result must not be overwritten by ours: it was computed from other inputs (its basis)
 * at a later time than ours. Same inputs, or an older result, may be overwritten. Equal times cannot
 * be ordered and are overwritten: the instance that writes last read GitHub last.
 */
export function newerBasis(summaryText: string, basis: string, now: Date): string | null {
  const traces = decodeTraces(summaryText).filter((t) => t.rule === "change.commit" || t.rule === "change.gate" || t.rule === "change.merge_group");
  if (traces.length === 0) return null;
  const commitTrace = traces.find((t) => t.rule === "change.commit" || t.rule === "change.merge_group");
  if (commitTrace && commitTrace.inputs.basis === basis) return null;
  const time = traces.map((t) => t.time).sort().at(-1)!;
  return time > now.toISOString() ? `the run holds a result computed at ${time} from other inputs` : null;
}

/** The pull requests a commit's run was computed for, from its `change.commit` trace. */
function recordedPulls(summaryText: string): number[] {
  const pulls = decodeTraces(summaryText).find((t) => t.rule === "change.commit")?.inputs.pulls;
  return Array.isArray(pulls) ? pulls.filter((n): n is number => Number.isInteger(n)) : [];
}

function withoutTrace(summary: string | null | undefined): string {
  return (summary ?? "").replace(/<!-- ims-trace [\s\S]*? -->/g, "").trim();
}
