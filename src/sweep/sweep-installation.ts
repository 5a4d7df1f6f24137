import { listInstallationRepos } from "../github/installations.js";
import { searchAll } from "../github/search-all.js";
import type { Octokit } from "../github/types.js";
import { accountScope, groupFound, pullsQuery, recordsQuery } from "./found.js";
import { mapPool } from "./pool.js";
import { REPO_STEPS, sweepFound, type RepoStep, type SweepOptions, type SweepStats } from "./repo-steps.js";

/** Named limit: repositories of one installation swept at once. */
export const REPO_CONCURRENCY = 2;

/** The installation an installation-wide sweep covers. */
export interface SweptInstallation {
  account: { login: string; type?: string };
  /** "selected": the app sees only some of the account's repositories (public ones of the others show up in search). */
  repositorySelection?: string;
}

/** What one installation's sweep did. */
export interface InstallationSweep {
  repos: SweepStats[];
  /** Search requests of the whole sweep (records and open pull requests). */
  searchPages: number;
  /** GitHub answered `incomplete_results` on a page: records it missed are swept next time. */
  incomplete: boolean;
}

export interface InstallationSweepOptions extends SweepOptions {
  /** Awaited before each search request (the 30-a-minute limit; see SearchPacer). */
  pace?: () => Promise<void>;
  /** The per-repository steps (default REPO_STEPS). */
  steps?: readonly RepoStep[];
  /** Before each repository: false stops the sweep (its lease was lost: another replica sweeps now). */
  mayGoOn?: () => boolean;
}

/**
 * Sweeps an installation with two searches, not one per repository: its open records (incidents and
 * review records, 100 a page, ceil(records / 100) pages) and its open pull requests (whether a change
 * freeze can need a re-evaluation), over the installation's account. Only the repositories they name
 * are visited, and only those read their config.
 */
export async function sweepInstallation(octokit: Octokit, inst: SweptInstallation, opts: InstallationSweepOptions): Promise<InstallationSweep> {
  const scope = accountScope(inst.account);
  const records = await searchAll(octokit, recordsQuery(scope), opts.pace);
  const pulls = await searchAll(octokit, pullsQuery(scope), opts.pace);
  const incomplete = records.incomplete || pulls.incomplete;
  if (incomplete) opts.log.warn({ account: inst.account.login, sweep: opts.id }, "GitHub's search answered incomplete_results: records it missed are swept next time");
  let found = [...groupFound(records.items, pulls.items).values()];
  if (inst.repositorySelection === "selected") {
    // search also shows the public repositories of the account that the app was not given
    const mine = new Set((await listInstallationRepos(octokit)).map((r) => `${r.owner.login}/${r.name}`.toLowerCase()));
    found = found.filter((f) => mine.has(`${f.r.owner}/${f.r.repo}`.toLowerCase()));
  }
  const repos = await mapPool(found, REPO_CONCURRENCY, async ({ r, found: f }) => {
    if (opts.mayGoOn && !opts.mayGoOn()) return null;
    return sweepFound(octokit, r, f, opts, opts.steps);
  });
  return { repos: repos.filter((s): s is SweepStats => s !== null), searchPages: records.pages + pulls.pages, incomplete };
}
