import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { makeCommit, type CommitInput } from "../git.js";
import type { ActivityType, Commit, Repo } from "../types.js";

const ZERO = "0000000000000000000000000000000000000000";
type PushListener = (repo: Repo, branch: string, before: string, after: string, forced: boolean, actor: string) => void;
const listeners = new WeakMap<Core, PushListener[]>();

/** Lets pull requests follow their head branch (synchronize) without a dependency cycle. */
export function onPush(core: Core, listener: PushListener): void {
  listeners.set(core, [...(listeners.get(core) ?? []), listener]);
}

function pushCommitJson(core: Core, repo: Repo, commit: Commit): Record<string, unknown> {
  const who = (a: Commit["author"]): Record<string, unknown> => ({ name: a.name, email: a.email, ...(a.login ? { username: a.login } : {}) });
  return {
    id: commit.sha,
    tree_id: commit.sha.split("").reverse().join(""),
    distinct: true,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `${core.urls.html}/${repo.fullName}/commit/${commit.sha}`,
    author: who(commit.author),
    committer: who(commit.committer),
    added: commit.changes.filter((c) => c.status === "added").map((c) => c.filename),
    removed: commit.changes.filter((c) => c.status === "removed").map((c) => c.filename),
    modified: commit.changes.filter((c) => c.status === "modified").map((c) => c.filename),
  };
}

/** Whether `ancestor` is reachable from `sha` over all parents. */
function descendsFrom(repo: Repo, sha: string, ancestor: string): boolean {
  const seen = new Set<string>();
  for (const queue = [sha]; queue.length > 0; ) {
    const next = queue.pop()!;
    if (next === ancestor) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return false;
}

/**
 * Adds commits to a branch (creating it from `from`, default the default branch) and emits `push`.
 * With `onto`, history is rewritten onto that commit (a force-push).
 */
export function pushCommits(
  core: Core,
  actor: string,
  repo: Repo,
  branchName: string,
  inputs: CommitInput[],
  opts: { onto?: string; from?: string; activity?: ActivityType } = {},
): Commit[] {
  let branch = repo.branches.get(branchName);
  const created = !branch;
  if (!branch) {
    const start = opts.from ? core.store.resolveRef(repo, opts.from) : repo.branches.get(repo.defaultBranch)?.sha;
    if (!start) throw new HttpError(422, `Reference does not exist: ${opts.from ?? repo.defaultBranch}`);
    branch = { name: branchName, sha: start };
    repo.branches.set(branchName, branch);
  }
  const before = created ? ZERO : branch.sha;
  // git (and GitHub's `forced`): the old head is not an ancestor of the new one; a fast-forward is not forced
  const forced = opts.onto !== undefined && opts.onto !== branch.sha && !descendsFrom(repo, opts.onto, branch.sha);
  let parent = opts.onto ?? branch.sha;
  const commits = inputs.map((input) => {
    const commit = makeCommit(core, repo, parent, actor, input);
    parent = commit.sha;
    return commit;
  });
  branch.sha = parent;
  repo.pushedAt = core.now();
  const activityType: ActivityType = opts.activity ?? (created ? "branch_creation" : forced ? "force_push" : "push");
  repo.activity.push({ id: core.store.id(), before, after: branch.sha, ref: `refs/heads/${branchName}`, timestamp: core.now(), activityType, actor });
  const json = commits.map((c) => pushCommitJson(core, repo, c));
  const user = core.store.ensureUser(actor);
  core.emitRepo("push", repo, actor, {
    ref: `refs/heads/${branchName}`,
    before,
    after: branch.sha,
    created,
    deleted: false,
    forced,
    base_ref: null,
    compare: `${core.urls.html}/${repo.fullName}/compare/${before.slice(0, 12)}...${branch.sha.slice(0, 12)}`,
    commits: json,
    head_commit: json.at(-1) ?? null,
    pusher: { name: user.login, email: user.email },
  });
  for (const listener of listeners.get(core) ?? []) listener(repo, branchName, before, branch.sha, forced, actor);
  return commits;
}
