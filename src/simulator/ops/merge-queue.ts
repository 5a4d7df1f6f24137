import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { diffTrees, makeCommit } from "../git.js";
import type { Commit, Repo } from "../types.js";
import { latestRuns, onCheckCompleted } from "./checks.js";
import { addTimeline, emitIssueEvent, touch } from "./events.js";
import { requiredChecks } from "./protection.js";
import type { Pull } from "./pulls.js";

/**
 * GitHub's merge queue, as far as an app sees it. Each queued pull request gets a merge group: GitHub
 * builds a commit on the target's head that merges, in queue order, every pull request ahead of it
 * and then this one (a merge commit per pull request, parents: the group so far and the pull
 * request's head), on the read-only branch `gh-readonly-queue/{base}/pr-{number}-{base sha}`, and
 * sends `merge_group.checks_requested` for its head. When the required checks pass on the first
 * group, the target is fast-forwarded to it (the pull request is merged) and the group is destroyed
 * (`merged`); a group whose required check fails is removed (`dequeued`), and the groups behind it are
 * destroyed (`invalidated`) and built again without it.
 */
interface Entry {
  number: number;
  enqueuedBy: string;
  /** Files a script adds to this group's commit beyond the pull request (models a tampered queue branch). */
  extraFiles?: Record<string, string>;
  /** Another pull request whose head a script merges into this group too (models a tampered queue branch). */
  alsoMerge?: number;
  group?: { branch: string; headSha: string; baseSha: string };
}

const queues = new WeakMap<Core, Map<string, Entry[]>>();
const wired = new WeakSet<Core>();

function queueOf(core: Core, repo: Repo, base: string): Entry[] {
  let all = queues.get(core);
  if (!all) queues.set(core, (all = new Map()));
  const key = `${repo.fullName}:${base}`;
  if (!all.has(key)) all.set(key, []);
  return all.get(key)!;
}

/** The pull requests in the queue of `base`, first first. */
export function queuedPulls(core: Core, repo: Repo, base: string): number[] {
  return queueOf(core, repo, base).map((e) => e.number);
}

function passing(core: Core, repo: Repo, sha: string, base: string): "pass" | "fail" | "pending" {
  const runs = latestRuns(core, repo, sha);
  let state: "pass" | "fail" | "pending" = "pass";
  for (const context of requiredChecks(repo, base)) {
    const run = runs.find((r) => r.name === context);
    if (!run || run.status !== "completed") state = state === "fail" ? "fail" : "pending";
    else if (run.conclusion !== "success" && run.conclusion !== "neutral" && run.conclusion !== "skipped") state = "fail";
  }
  return state;
}

/** Adds a pull request to its base's merge queue (GitHub requires its checks to pass first) and builds its group. */
export function enqueuePull(core: Core, actor: string, repo: Repo, issue: Pull, opts: { extraFiles?: Record<string, string>; alsoMerge?: number } = {}): void {
  wire(core);
  if (issue.state !== "open" || issue.pull.merged) throw new HttpError(422, "Pull request is not open");
  if (passing(core, repo, issue.pull.headSha, issue.pull.baseRef) !== "pass") throw new HttpError(422, "Required status checks have not passed on this pull request");
  const queue = queueOf(core, repo, issue.pull.baseRef);
  if (queue.some((e) => e.number === issue.number)) throw new HttpError(422, "Pull request is already queued");
  const entry: Entry = { number: issue.number, enqueuedBy: actor, ...(opts.extraFiles ? { extraFiles: opts.extraFiles } : {}), ...(opts.alsoMerge ? { alsoMerge: opts.alsoMerge } : {}) };
  queue.push(entry);
  addTimeline(core, issue, { event: "added_to_merge_queue", actor });
  build(core, repo, issue.pull.baseRef, queue.length - 1);
}

/** Builds the group of entry `i` (and of every entry behind it) on the target's head. */
function build(core: Core, repo: Repo, base: string, from: number): void {
  const queue = queueOf(core, repo, base);
  const baseSha = repo.branches.get(base)!.sha;
  let parent = baseSha;
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i]!;
    const pr = core.store.pull(repo, entry.number);
    if (entry.alsoMerge) parent = groupCommit(core, repo, parent, core.store.pull(repo, entry.alsoMerge), { number: entry.alsoMerge, enqueuedBy: entry.enqueuedBy }).sha;
    const merge = groupCommit(core, repo, parent, pr, entry);
    parent = merge.sha;
    if (i < from) continue;
    const branch = `gh-readonly-queue/${base}/pr-${pr.number}-${baseSha}`;
    repo.branches.set(branch, { name: branch, sha: merge.sha });
    entry.group = { branch, headSha: merge.sha, baseSha };
    core.emitRepo("merge_group", repo, entry.enqueuedBy, { action: "checks_requested", merge_group: groupJson(core, repo, entry, base, merge) });
  }
}

/** A merge of the pull request's own changes onto `parent`, as GitHub's queue writes it. */
function groupCommit(core: Core, repo: Repo, parent: string, pr: Pull, entry: Entry): Commit {
  const head = repo.commits.get(pr.pull.headSha)?.tree ?? new Map<string, string>();
  const files: Record<string, string | null> = {};
  for (const change of diffTrees(repo.commits.get(pr.pull.baseSha)?.tree ?? new Map(), head)) files[change.filename] = head.get(change.filename) ?? null;
  Object.assign(files, entry.extraFiles ?? {});
  const owner = pr.pull.headRepo.split("/")[0];
  return makeCommit(core, repo, parent, entry.enqueuedBy, {
    message: `Merge pull request #${pr.number} from ${owner}/${pr.pull.headRef}\n\n${pr.title}`,
    files,
    mergeParents: [pr.pull.headSha],
    committer: { name: "GitHub", email: "noreply@github.com" },
  });
}

function groupJson(core: Core, repo: Repo, entry: Entry, base: string, commit: Commit): Record<string, unknown> {
  const who = (a: Commit["author"]) => ({ name: a.name, email: a.email });
  return {
    head_sha: commit.sha,
    head_ref: `refs/heads/${entry.group!.branch}`,
    base_sha: entry.group!.baseSha,
    base_ref: `refs/heads/${base}`,
    head_commit: { id: commit.sha, tree_id: commit.sha.split("").reverse().join(""), message: commit.message, timestamp: commit.committer.date, author: who(commit.author), committer: who(commit.committer) },
  };
}

function destroy(core: Core, repo: Repo, base: string, entry: Entry, reason: "merged" | "dequeued" | "invalidated", actor: string): void {
  if (!entry.group) return;
  const commit = repo.commits.get(entry.group.headSha)!;
  const json = groupJson(core, repo, entry, base, commit);
  repo.branches.delete(entry.group.branch);
  delete entry.group;
  core.emitRepo("merge_group", repo, actor, { action: "destroyed", reason, merge_group: json });
}

/** After a check completes on a group's head: merge the first group once it passes; take a failing one out. */
function settleQueue(core: Core, repo: Repo, sha: string): void {
  for (const [key, queue] of queues.get(core) ?? []) {
    if (!key.startsWith(`${repo.fullName}:`)) continue;
    const base = key.slice(repo.fullName.length + 1);
    const failed = queue.findIndex((e) => e.group?.headSha === sha && passing(core, repo, sha, base) === "fail");
    if (failed >= 0) {
      const [out] = queue.splice(failed, 1);
      destroy(core, repo, base, out!, "dequeued", core.app.botLogin);
      addTimeline(core, core.store.pull(repo, out!.number), { event: "removed_from_merge_queue", actor: core.app.botLogin });
      for (const e of queue.slice(failed)) destroy(core, repo, base, e, "invalidated", core.app.botLogin);
      if (failed < queue.length) build(core, repo, base, failed);
      continue;
    }
    while (queue[0]?.group && passing(core, repo, queue[0].group.headSha, base) === "pass") mergeFirst(core, repo, base, queue);
  }
}

function mergeFirst(core: Core, repo: Repo, base: string, queue: Entry[]): void {
  const entry = queue.shift()!;
  const group = entry.group!;
  const issue = core.store.pull(repo, entry.number);
  repo.branches.get(base)!.sha = group.headSha;
  repo.pushedAt = core.now();
  destroy(core, repo, base, entry, "merged", core.app.botLogin);
  const now = core.now();
  Object.assign(issue.pull, { merged: true, mergedAt: now, mergedBy: entry.enqueuedBy, mergeCommitSha: group.headSha });
  issue.state = "closed";
  repo.openIssues--;
  issue.closedAt = now;
  issue.closedBy = entry.enqueuedBy;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "merged", actor: entry.enqueuedBy, commitId: group.headSha });
  addTimeline(core, issue, { event: "closed", actor: entry.enqueuedBy, commitId: group.headSha });
  emitIssueEvent(core, repo, issue, "closed", entry.enqueuedBy);
}

function wire(core: Core): void {
  if (wired.has(core)) return;
  wired.add(core);
  onCheckCompleted(core, (repo, sha) => settleQueue(core, repo, sha));
}
