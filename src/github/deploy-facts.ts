import { CHANGE_CHECK_NAME } from "../change/facts.js";
import { globMatcher } from "../change/config.js";
import { parseChangeLinks } from "../change/links.js";
import { decodeTraces } from "../core/trace.js";
import type { DeployFacts, DeployPull, DeploymentFact, WalkBase, WalkedCommit } from "../deploy/facts.js";
import { DEPLOY_DIRECT_MAX, DEPLOY_HISTORY_MAX, deployCheckName, deployExternalId } from "../deploy/names.js";
import { baselineAfter, walkFrom } from "./deploy-walk.js";
import { appId } from "./bot-identity.js";
import { newestOwnRunWhere, type OwnRun } from "./own-run.js";
import { areaOf } from "./store-of.js";
import type { Octokit, RepoRef } from "./types.js";

/** This app's gate check run for a deployment (found by its external id), or null. */
export async function ownDeployRun(octokit: Octokit, r: RepoRef, d: { id: number; sha: string; environment: string }) {
  const id = appId();
  const { data } = await octokit.rest.checks.listForRef({ ...r, ref: d.sha, check_name: deployCheckName(d.environment), filter: "all", per_page: 100, ...(id ? { app_id: id } : {}) });
  const mine = data.check_runs.filter((c) => c.external_id === deployExternalId(d.id) && (id === null || c.app?.id === id)).sort((a, b) => b.id - a.id)[0];
  return mine ? { id: mine.id, status: mine.status, conclusion: mine.conclusion ?? null, htmlUrl: mine.html_url ?? null, title: mine.output.title ?? "", summary: mine.output.summary ?? "" } : null;
}

/** The deployment as GitHub has it now (not as a payload says). */
export async function readDeployment(octokit: Octokit, r: RepoRef, id: number): Promise<DeploymentFact> {
  const { data } = await octokit.rest.repos.getDeployment({ ...r, deployment_id: id });
  return { id: data.id, environment: data.environment, sha: data.sha, ref: data.ref, creator: data.creator?.login ?? "ghost", createdAt: data.created_at };
}

/** The first target branch the commit is on (compare: the commit is behind or identical to its head). */
async function branchHolding(octokit: Octokit, r: RepoRef, targets: string[], sha: string): Promise<string | null> {
  for (const branch of targets) {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${branch}...${sha}`, per_page: 1 });
    if (data.status === "identical" || data.status === "behind") return branch;
  }
  return null;
}

const approvedKey = (r: RepoRef, environment: string): string => `${r.owner}/${r.repo}:${environment}`.toLowerCase();

/** Remembers the deployment the gate just approved: the next walk starts there, however many rejected deployments follow. */
export async function rememberApproved(octokit: Octokit, r: RepoRef, d: DeploymentFact): Promise<void> {
  const area = areaOf<{ id: number; sha: string }>(octokit, "deployApproved");
  const key = approvedKey(r, d.environment);
  const known = await area.get(key);
  if (!known || known.id < d.id) await area.set(key, { id: d.id, sha: d.sha });
}

/**
 * The newest earlier deployment to the environment that this gate approved (its check run succeeded):
 * the one the store remembers (checked again on GitHub, 1 call), else the newest DEPLOY_HISTORY_MAX.
 */
async function lastApproved(octokit: Octokit, r: RepoRef, d: DeploymentFact): Promise<{ id: number; sha: string } | null> {
  const known = await areaOf<{ id: number; sha: string }>(octokit, "deployApproved").get(approvedKey(r, d.environment));
  if (known && known.id < d.id) {
    const run = await ownDeployRun(octokit, r, { id: known.id, sha: known.sha, environment: d.environment });
    if (run?.conclusion === "success") return known;
  }
  return newestApproved(octokit, r, d);
}

/**
 * The newest of the DEPLOY_HISTORY_MAX deployments to the environment before `d` (of `sha` only, when
 * given) whose gate check run this app concluded `success`.
 */
async function newestApproved(octokit: Octokit, r: RepoRef, d: DeploymentFact, sha?: string): Promise<{ id: number; sha: string } | null> {
  const { data } = await octokit.rest.repos.listDeployments({ ...r, environment: d.environment, ...(sha ? { sha } : {}), per_page: 30 });
  for (const x of data.filter((x) => x.id < d.id && (!sha || x.sha === sha)).slice(0, DEPLOY_HISTORY_MAX)) {
    const run = await ownDeployRun(octokit, r, { id: x.id, sha: x.sha, environment: d.environment });
    if (run?.conclusion === "success") return { id: x.id, sha: x.sha };
  }
  return null;
}

/**
 * Everything the gate decides from, read once: the deployment, the branch holding its commit, the last
 * approved deployment (or the baseline), the commits between, each commit's merged pull requests into a
 * target branch, and each pull request's own `IMS / change control` run at the head it was merged at.
 */
export async function readDeployFacts(
  octokit: Octokit,
  r: RepoRef,
  input: { deployment: DeploymentFact; runId: number | null; defaultBranch: string; branches: string[]; baseline: string | null; configErrors: string[] },
): Promise<DeployFacts> {
  const d = input.deployment;
  const targets = input.branches.filter((b) => !/[*?[\]{}]/.test(b));
  const list = targets.length > 0 ? targets : [input.defaultBranch];
  const isTarget = input.branches.length > 0 ? globMatcher(input.branches) : (b: string) => b === input.defaultBranch;
  const onBranch = await branchHolding(octokit, r, list, d.sha);
  const approved = await lastApproved(octokit, r, d);
  const base: WalkBase = approved
    ? (await baselineAfter(octokit, r, approved.sha, input.baseline)) ?? { kind: "deployment", ...approved }
    : input.baseline === "root" ? { kind: "root" } : input.baseline ? { kind: "baseline", sha: input.baseline } : { kind: "history" };
  // a commit on no target branch is rejected for that alone: nothing is walked (any writer can start a
  // deploy job of a long branch, and each walked commit costs an association call)
  const walk = onBranch ? await walkFrom(octokit, r, base, d.sha) : { commits: [], truncated: false, total: 0, status: null };
  const pulls = new Map<number, DeployPull>();
  const byCommit = new Map<string, number[]>();
  // newest first: a merge commit comes before the pull request's own commits it brought in, which are
  // then that pull request's by its commit list (one call) instead of one association call each
  const covered = new Map<string, number>();
  const walked = new Set(walk.commits.map((c) => c.sha));
  let mergeOf: number | null = null;
  // past the limit the walk is rejected as incomplete: no association calls for its commits
  // newest first, until DEPLOY_DIRECT_MAX commits outside every pull request are named: the decision is
  // a rejection by then, and the rest are counted, not read (a run of direct pushes costs a bounded few calls)
  let outside = 0;
  let unexamined = 0;
  for (const c of walk.truncated ? [] : [...walk.commits].reverse()) {
    if (outside >= DEPLOY_DIRECT_MAX) {
      unexamined++;
      continue;
    }
    const known = covered.get(c.sha);
    if (known !== undefined) {
      byCommit.set(c.sha, [known]);
      continue;
    }
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: c.sha, per_page: 100 });
    const merged = data.filter((p) => p.merged_at && isTarget(p.base.ref) && p.base.repo.full_name.toLowerCase() === `${r.owner}/${r.repo}`.toLowerCase());
    for (const p of merged) {
      if (!pulls.has(p.number)) pulls.set(p.number, await pullFact(octokit, r, p));
      if (p.merge_commit_sha === c.sha && c.parents > 1) {
        for (const sha of await pullCommits(octokit, r, p.number)) if (walked.has(sha) && !covered.has(sha)) covered.set(sha, p.number);
      }
    }
    byCommit.set(c.sha, merged.map((p) => p.number));
    if (merged.length === 0) outside++;
    if (c.sha === d.sha) mergeOf = merged.find((p) => p.merge_commit_sha === d.sha)?.number ?? null;
  }
  if (!walked.has(d.sha) && !walk.truncated && onBranch) {
    // a redeployment or a rollback: the deployed commit is not in the walk, so what it is is read apart
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: d.sha, per_page: 100 });
    const result = data.find((p) => p.merged_at && p.merge_commit_sha === d.sha && isTarget(p.base.ref) && p.base.repo.full_name.toLowerCase() === `${r.owner}/${r.repo}`.toLowerCase());
    if (result) {
      mergeOf = result.number;
      if (!pulls.has(result.number)) pulls.set(result.number, await pullFact(octokit, r, result));
    }
  }
  const approvedBefore = mergeOf !== null ? null : approved?.sha === d.sha ? approved.id : (await newestApproved(octokit, r, d, d.sha))?.id ?? null;
  const commits: WalkedCommit[] = (walk.truncated ? [] : walk.commits).filter((c) => byCommit.has(c.sha)).map((c) => ({ sha: c.sha, title: c.title, author: c.author, pulls: byCommit.get(c.sha) ?? [] }));
  return { repo: `${r.owner}/${r.repo}`, deployment: d, runId: input.runId, onBranch, targets: list, base, commits, truncated: walk.truncated, totalCommits: walk.total, deployed: { mergeOf, approvedBefore }, baseStatus: walk.status, unexamined, pulls: [...pulls.values()].sort((a, b) => a.number - b.number), configErrors: input.configErrors };
}

/** A pull request's own commits (GitHub lists up to 250; more are left to the association calls). */
async function pullCommits(octokit: Octokit, r: RepoRef, pull: number): Promise<string[]> {
  const { data } = await octokit.rest.pulls.listCommits({ ...r, pull_number: pull, per_page: 100 });
  return data.map((c) => c.sha);
}

async function pullFact(octokit: Octokit, r: RepoRef, p: { number: number; title: string; body?: string | null; base: { ref: string }; head: { sha: string }; merged_at: string | null; merge_commit_sha?: string | null }): Promise<DeployPull> {
  // this pull request's own evaluation: another pull request of the same head (into another target
  // branch) has runs on that commit too, and its passing run says nothing of this one
  const gateOf = (run: OwnRun) => decodeTraces(run.summary).find((t) => t.rule === "change.gate" && t.inputs.pr === p.number);
  const run = await newestOwnRunWhere(octokit, r, p.head.sha, (x) => gateOf(x) !== undefined);
  const gate = run ? gateOf(run) : undefined;
  const record = parseChangeLinks(p.body ?? "").find((l) => l.kind === "change" && l.repo === null)?.number ?? null;
  return {
    number: p.number,
    title: p.title,
    baseRef: p.base.ref,
    headSha: p.head.sha,
    mergeSha: p.merge_commit_sha ?? null,
    mergedAt: p.merged_at ?? "",
    check: run?.status === "completed" ? run.conclusion : null,
    changeType: typeof gate?.result.type === "string" ? gate.result.type : null,
    standardRule: typeof gate?.result.standardRule === "string" ? gate.result.standardRule : null,
    record,
  };
}
