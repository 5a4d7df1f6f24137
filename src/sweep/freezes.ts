import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { freezeRecheckDue, type FreezeSeen } from "../change/freeze-change.js";
import { evaluateCommit } from "../flows/commit-flow.js";
import { listOpenPulls } from "../github/open-pulls.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Store } from "../store/index.js";
import { AREAS, FREEZE_UNKNOWN_LOOKBACK_MS } from "../store/areas.js";

/**
 * A change freeze starts or ends without any webhook: when a window started or ended since the last
 * look at this repository (kept in the store), or the windows in force changed, every open pull
 * request is evaluated again, so a change that passed before the freeze fails during it, and passes
 * again after. An instance with no last look (a fresh store) assumes a window may have just ended.
 * Returns the PRs evaluated.
 */
export async function recheckOnFreezeChange(octokit: Octokit, r: RepoRef, resolved: ResolvedConfig, now: Date, sweep: string, log: Logger, store: Store): Promise<number[]> {
  const key = `${r.owner}/${r.repo}`.toLowerCase();
  const looks = store.area<FreezeSeen>("freezeChecks", AREAS.freezeChecks);
  const { due, state } = freezeRecheckDue(resolved.config.change.freezes, now, await looks.get(key), FREEZE_UNKNOWN_LOOKBACK_MS);
  const look: FreezeSeen = { state, at: now.getTime() };
  if (!due) {
    await looks.set(key, look);
    return [];
  }
  const open = await listOpenPulls(octokit, r);
  const evaluated: number[] = [];
  let failed = false;
  // one evaluation per head commit: it covers every open pull request with that head
  const byHead = new Map<string, number[]>();
  for (const pr of open.pulls) byHead.set(pr.headSha, [...(byHead.get(pr.headSha) ?? []), pr.number]);
  for (const [sha, prs] of byHead) {
    try {
      await evaluateCommit(octokit, r, sha, { delivery: sweep, now, config: resolved }, log, prs);
      evaluated.push(...prs);
    } catch (error) {
      log.error({ err: error, repo: key, prs, sweep }, "re-evaluating a pull request for a change freeze failed; the next sweep tries again");
      failed = true;
    }
  }
  // the last look moves on only when every pull request was evaluated: otherwise the next sweep sees the change again
  if (!failed) await looks.set(key, look);
  evaluated.sort((a, b) => a - b);
  log.info({ repo: key, freezes: state || "none", prs: evaluated, sweep }, "change freeze started or ended: open pull requests evaluated again");
  return evaluated;
}
