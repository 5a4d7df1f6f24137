import type { Core } from "../core.js";
import { HttpError, validation } from "../errors.js";
import { commitsBetween, type CommitInput } from "../git.js";
import type { Issue, Repo } from "../types.js";
import { addTimeline, crossReference, emitIssueEvent, touch } from "./events.js";
import { afterOpen, editIssue, newIssue, type IssuePatch } from "./issues.js";
import { ensureLabel } from "./labels.js";
import { onPush, pushCommits } from "./push.js";

export type Pull = Issue & { pull: NonNullable<Issue["pull"]> };

export interface PullInput {
  title: string;
  body?: string | null;
  /** Head branch; with `headRepo` set, a branch of that fork. */
  head: string;
  base?: string;
  headRepo?: string;
  draft?: boolean;
  labels?: string[];
  /** Commits to push to the head branch first (created from the base branch when missing). */
  commits?: CommitInput[];
  /** Shorthand for one commit changing these files. */
  files?: Record<string, string | null>;
}

/** Copies a fork's commits into the base repository, as GitHub exposes them under refs/pull/N/head. */
function shareCommits(from: Repo, to: Repo): void {
  if (from === to) return;
  for (const [sha, commit] of from.commits) if (!to.commits.has(sha)) to.commits.set(sha, commit);
}

function recordCommits(core: Core, repo: Repo, issue: Pull, shas: string[], actor: string): void {
  for (const sha of shas) addTimeline(core, issue, { event: "committed", actor, commitId: sha });
}

export function openPull(core: Core, actor: string, repo: Repo, input: PullInput): Pull {
  if (!input.title?.trim()) throw validation("PullRequest", "title", "missing_field");
  const base = input.base ?? repo.defaultBranch;
  const baseBranch = repo.branches.get(base);
  if (!baseBranch) throw validation("PullRequest", "base", "invalid");
  const headRepo = input.headRepo ? core.store.repoByName(input.headRepo) : repo;
  const commits = [...(input.commits ?? []), ...(input.files ? [{ message: input.title, files: input.files }] : [])];
  if (commits.length) pushCommits(core, actor, headRepo, input.head, commits, { from: headRepo === repo ? base : headRepo.defaultBranch });
  const headBranch = headRepo.branches.get(input.head);
  if (!headBranch) throw validation("PullRequest", "head", "invalid");
  // GitHub allows several open pull requests from one head branch (or commit), but one per base branch
  const twin = [...repo.issues.values()].some((i) => i.pull && i.state === "open" && i.pull.headRepo === headRepo.fullName && i.pull.headRef === input.head && i.pull.baseRef === base);
  if (twin) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${headRepo.owner}:${input.head}.` }]);
  shareCommits(headRepo, repo);
  const shas = commitsBetween(repo, baseBranch.sha, headBranch.sha);
  if (shas.length === 0) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${input.head}` }]);
  const issue = newIssue(core, repo, actor, input.title, input.body ?? null) as Pull;
  issue.pull = {
    headRef: input.head,
    headSha: headBranch.sha,
    headRepo: headRepo.fullName,
    baseRef: base,
    baseSha: baseBranch.sha,
    commits: shas,
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    reviews: [],
  };
  issue.labels = [...new Set((input.labels ?? []).map((l) => ensureLabel(core, actor, repo, l).name))];
  recordCommits(core, repo, issue, shas, actor);
  // GitHub records `cross-referenced` on every issue a new pull request's body mentions, as for issues
  crossReference(core, repo, issue, issue.body, actor);
  emitIssueEvent(core, repo, issue, "opened", actor);
  afterOpen(core, repo, issue, actor);
  return issue;
}

/** Follows pushes to head branches: new head, commit list, timeline and `synchronize`. */
export function trackPushes(core: Core): void {
  onPush(core, (headRepo, branch, before, after, forced, actor) => {
    for (const repo of core.store.repos.values()) {
      for (const issue of repo.issues.values()) {
        const pull = issue.pull;
        if (!pull || issue.state !== "open" || pull.headRepo !== headRepo.fullName || pull.headRef !== branch) continue;
        shareCommits(headRepo, repo);
        const known = new Set(pull.commits);
        pull.headSha = after;
        pull.commits = commitsBetween(repo, repo.branches.get(pull.baseRef)?.sha ?? pull.baseSha, after);
        if (forced) addTimeline(core, issue, { event: "head_ref_force_pushed", actor, commitId: after });
        recordCommits(core, repo, issue as Pull, pull.commits.filter((c) => !known.has(c)), actor);
        touch(core, repo, issue);
        emitIssueEvent(core, repo, issue, "synchronize", actor, { before, after });
      }
    }
  });
}

export interface PullPatch extends IssuePatch {
  base?: string;
}

export function editPull(core: Core, actor: string, repo: Repo, issue: Pull, patch: PullPatch): void {
  if (patch.base !== undefined && patch.base !== issue.pull.baseRef) {
    const branch = repo.branches.get(patch.base);
    if (!branch) throw validation("PullRequest", "base", "invalid");
    const from = { ref: issue.pull.baseRef, sha: issue.pull.baseSha };
    issue.pull.baseRef = patch.base;
    issue.pull.baseSha = branch.sha;
    issue.pull.commits = commitsBetween(repo, branch.sha, issue.pull.headSha);
    addTimeline(core, issue, { event: "base_ref_changed", actor, baseChange: { from: from.ref, to: patch.base } });
    touch(core, repo, issue);
    emitIssueEvent(core, repo, issue, "edited", actor, { changes: { base: { ref: { from: from.ref }, sha: { from: from.sha } } } });
  }
  editIssue(core, actor, repo, issue, patch);
}

export function readyForReview(core: Core, actor: string, repo: Repo, issue: Pull): void {
  if (!issue.pull.draft) return;
  issue.pull.draft = false;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "ready_for_review", actor });
  emitIssueEvent(core, repo, issue, "ready_for_review", actor);
}
