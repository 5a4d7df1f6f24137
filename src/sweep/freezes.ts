import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { activeFreezes } from "../change/freeze.js";
import { evaluateCommit } from "../flows/commit-flow.js";
import { listOpenPulls } from "../github/open-pulls.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** Which freeze windows each repository was last seen in (this process). */
const seen = new Map<string, string>();

/** Forgets the freeze states seen (tests start from a clean process state). */
export function forgetFreezes(): void {
  seen.clear();
}

/**
 * A change freeze starts or ends without any webhook: when the set of freeze windows in force changes
 * (or a fresh instance finds one in force), every open pull request is evaluated again, so a change
 * that passed before the freeze fails during it, and passes again after. Returns the PRs evaluated.
 */
export async function recheckOnFreezeChange(octokit: Octokit, r: RepoRef, resolved: ResolvedConfig, now: Date, sweep: string, log: Logger): Promise<number[]> {
  const key = `${r.owner}/${r.repo}`.toLowerCase();
  const state = activeFreezes(resolved.config.change.freezes, now).active.map((f) => `${f.start}..${f.end}`).sort().join(" ");
  const before = seen.get(key);
  seen.set(key, state);
  if (state === before || (before === undefined && state === "")) return [];
  const open = await listOpenPulls(octokit, r);
  const evaluated: number[] = [];
  // one evaluation per head commit: it covers every open pull request with that head
  const byHead = new Map<string, number[]>();
  for (const pr of open.pulls) byHead.set(pr.headSha, [...(byHead.get(pr.headSha) ?? []), pr.number]);
  for (const [sha, prs] of byHead) {
    try {
      await evaluateCommit(octokit, r, sha, { delivery: sweep, now, config: resolved }, log, prs);
      evaluated.push(...prs);
    } catch (error) {
      log.error({ err: error, repo: key, prs, sweep }, "re-evaluating a pull request for a change freeze failed; the next sweep tries again");
      seen.delete(key);
    }
  }
  evaluated.sort((a, b) => a - b);
  log.info({ repo: key, freezes: state || "none", prs: evaluated, sweep }, "change freeze started or ended: open pull requests evaluated again");
  return evaluated;
}
