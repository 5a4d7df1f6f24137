import { newestOwnRun } from "./own-run.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * Named limit: pull requests one event on a change record evaluates beyond those whose check passes.
 * Anyone who can open a pull request (from a fork, too) can link a record, and one evaluation of a
 * long pull request costs hundreds of calls: an edit of the record must not cost the sum of them all.
 */
export const RECORD_FANOUT_MAX = 25;

/** Reads of the heads' checks at once (each is one call). */
const CHECK_READS_AT_ONCE = 10;

export interface Fanout {
  /** Evaluated now: every pull request whose check passes, then others up to the bound. */
  evaluate: number[];
  /** Left for their next event or `/ims recheck`: their check does not pass, so waiting lets nothing through. */
  deferred: number[];
  calls: number;
}

/**
 * Which linked pull requests a change-record event evaluates. Up to RECORD_FANOUT_MAX: all of them,
 * with no extra call. Beyond: the check on each head is read (one call each, far less than an
 * evaluation), and every passing one (success, or neutral, which also satisfies a required check) is
 * evaluated whatever their number, since a stale pass is how an unreviewed change would merge; the
 * rest fill the bound, oldest pull request first.
 */
export async function boundFanout(octokit: Octokit, r: RepoRef, pulls: Array<{ number: number; headSha: string }>, max = RECORD_FANOUT_MAX): Promise<Fanout> {
  if (pulls.length <= max) return { evaluate: pulls.map((p) => p.number), deferred: [], calls: 0 };
  const passing = new Set<number>();
  for (let i = 0; i < pulls.length; i += CHECK_READS_AT_ONCE) {
    const chunk = pulls.slice(i, i + CHECK_READS_AT_ONCE);
    const results = await Promise.all(chunk.map(async (p) => [p.number, await headConclusion(octokit, r, p.headSha)] as const));
    for (const [n, c] of results) if (c === "success" || c === "neutral") passing.add(n);
  }
  const ordered = [...pulls].sort((a, b) => Number(passing.has(b.number)) - Number(passing.has(a.number)) || a.number - b.number);
  const take = Math.max(max, passing.size);
  return { evaluate: ordered.slice(0, take).map((p) => p.number), deferred: ordered.slice(take).map((p) => p.number), calls: pulls.length };
}

async function headConclusion(octokit: Octokit, r: RepoRef, headSha: string): Promise<string | null> {
  const run = await newestOwnRun(octokit, r, headSha);
  return run?.status === "completed" ? run.conclusion : null;
}

/** A pull request of another repository that links the record (record-references). */
export interface OtherPull {
  repo: RepoRef;
  number: number;
}

/**
 * The same bound for pull requests of the owner's other repositories. Their timeline entries carry no
 * head, so beyond the bound each costs two calls (the pull request, its head's check) instead of one;
 * every passing one is evaluated whatever their number: pull requests opened first to fill the bound
 * must not shield a passing change from its record being closed. One that cannot be read (the app is
 * not installed there) cannot be evaluated either, and is deferred.
 */
export async function boundFanoutAcross(octokit: Octokit, pulls: OtherPull[], max: number): Promise<{ evaluate: OtherPull[]; deferred: OtherPull[]; calls: number }> {
  if (pulls.length <= max) return { evaluate: pulls, deferred: [], calls: 0 };
  const passing = new Set<OtherPull>();
  let calls = 0;
  for (let i = 0; i < pulls.length; i += CHECK_READS_AT_ONCE) {
    const chunk = pulls.slice(i, i + CHECK_READS_AT_ONCE);
    await Promise.all(
      chunk.map(async (p) => {
        try {
          calls++;
          const { data } = await octokit.rest.pulls.get({ ...p.repo, pull_number: p.number });
          calls++;
          const c = await headConclusion(octokit, p.repo, data.head.sha);
          if (c === "success" || c === "neutral") passing.add(p);
        } catch {
          // unreadable: left for its next event, like any other deferred one
        }
      }),
    );
  }
  const ordered = [...pulls.filter((p) => passing.has(p)), ...pulls.filter((p) => !passing.has(p))];
  const take = Math.max(max, passing.size);
  return { evaluate: ordered.slice(0, take), deferred: ordered.slice(take), calls };
}
