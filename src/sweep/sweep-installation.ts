import { listInstallationRepos } from "../github/installations.js";
import { searchAll } from "../github/search-all.js";
import type { Octokit } from "../github/types.js";
import { accountScope, groupFound, pullsQuery, recordsQuery } from "./found.js";
import { mapPool } from "./pool.js";
import { REPO_STEPS, sweepFound, type RepoStep, type SweepOptions, type SweepStats } from "./repo-steps.js";
import { isCurrent, recallDashboard } from "../dashboard/memo.js";
import { sweepAccountAlerts, type AccountAlertSweep } from "./alerts.js";

/**
 * Named limit: repositories the searches did not name (nothing open any more) whose dashboard an
 * event made stale, visited per sweep for their dashboard alone, so a repository whose last incident
 * closed shows it. A repository with nothing ever open gets its dashboard with its first open record
 * or pull request (a 10,000-repository installation is not read whole for empty dashboards).
 */
export const DASHBOARD_VISITS_PER_SWEEP = 20;

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
  /** The installation's security-alert sweep (organisation lists, at most once in `alerts.sweepMinutes`). */
  alerts?: AccountAlertSweep;
}

export interface InstallationSweepOptions extends SweepOptions {
  /** The per-repository steps (default REPO_STEPS). */
  steps?: readonly RepoStep[];
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
  // search also shows the public repositories of the account that the app was not given
  const installed = (await listInstallationRepos(octokit)).filter((r) => !r.archived);
  const mine = new Set(installed.map((r) => `${r.owner.login}/${r.name}`.toLowerCase()));
  if (inst.repositorySelection === "selected") found = found.filter((f) => mine.has(`${f.r.owner}/${f.r.repo}`.toLowerCase()));
  const named = new Set(found.map((f) => `${f.r.owner}/${f.r.repo}`.toLowerCase()));
  const now = opts.now;
  for (const r of installed) {
    if (found.length - named.size >= DASHBOARD_VISITS_PER_SWEEP) break;
    const key = `${r.owner.login}/${r.name}`;
    if (named.has(key.toLowerCase())) continue;
    const memo = await recallDashboard(opts.store, key);
    if (!memo || isCurrent(memo, now)) continue;
    found.push({ r: { owner: r.owner.login, repo: r.name }, found: { incidents: [], reviews: [], openPulls: false } });
  }
  const repos = await mapPool(found, REPO_CONCURRENCY, async ({ r, found: f }) => {
    if (opts.mayGoOn && !opts.mayGoOn()) return null;
    return sweepFound(octokit, r, f, opts, opts.steps);
  });
  const out: InstallationSweep = { repos: repos.filter((s): s is SweepStats => s !== null), searchPages: records.pages + pulls.pages, incomplete };
  if (!opts.mayGoOn || opts.mayGoOn()) {
    try {
      out.alerts = await sweepAccountAlerts(octokit, inst.account, installed.map((r) => ({ owner: r.owner.login, repo: r.name })), opts);
    } catch (error) {
      opts.log.error({ err: error, account: inst.account.login, sweep: opts.id }, "sweeping the installation's security alerts failed; the next sweep tries again");
    }
  }
  return out;
}
