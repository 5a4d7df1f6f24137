import type { Core } from "./core.js";
import type { Commit, FileChange, GitActor, Repo } from "./types.js";

/** What a script passes to make a commit. `null` content deletes the file. */
export interface CommitInput {
  message: string;
  files?: Record<string, string | null>;
  /** Login of the author (default: the acting user), or a raw git identity. */
  author?: string | { name: string; email: string };
  committer?: string | { name: string; email: string };
  /** Logins or raw identities added as `Co-authored-by:` trailers. */
  coAuthors?: Array<string | { name: string; email: string }>;
  /** Extra parents (a merge commit); the first parent is always the branch head. */
  mergeParents?: string[];
  /** Signed with a key of the committer's account: GitHub shows it verified. */
  signed?: boolean;
}

export function gitActor(core: Core, who: string | { name: string; email: string }): GitActor {
  if (typeof who !== "string") return { ...who, date: core.now() };
  const user = core.store.ensureUser(who);
  return { name: user.name, email: `${user.id}+${user.login}@users.noreply.github.com`, date: core.now(), login: user.login };
}

/** The GitHub login a git identity belongs to, resolved by noreply email or any verified e-mail of the account. */
export function loginForEmail(core: Core, email: string): string | undefined {
  const noreply = /^\d+\+([^@]+)@users\.noreply\.github\.com$/.exec(email);
  if (noreply?.[1]) return core.store.findUser(noreply[1])?.login;
  const wanted = email.toLowerCase();
  for (const user of core.store.users.values()) {
    if ([user.email, ...(user.emails ?? [])].some((e) => e.toLowerCase() === wanted)) return user.login;
  }
  return undefined;
}

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Per-file changes between two trees with line counts and a simple whole-file patch. */
export function diffTrees(before: Map<string, string>, after: Map<string, string>): FileChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FileChange[] = [];
  for (const filename of paths) {
    const a = before.get(filename);
    const b = after.get(filename);
    if (a === b) continue;
    const old = lines(a ?? "");
    const neu = lines(b ?? "");
    const patch = [`@@ -${old.length ? 1 : 0},${old.length} +${neu.length ? 1 : 0},${neu.length} @@`, ...old.map((l) => `-${l}`), ...neu.map((l) => `+${l}`)].join("\n");
    const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
    changes.push({ filename, status, additions: neu.length, deletions: old.length, patch });
  }
  return changes;
}

/** Creates a commit on top of `parent` (or an empty tree) and stores it in `repo`. */
export function makeCommit(core: Core, repo: Repo, parent: string | null, actor: string, input: CommitInput): Commit {
  const base = parent ? repo.commits.get(parent)?.tree : undefined;
  const tree = new Map(base ?? []);
  // A merge brings in the other parents' files that this branch does not have (no conflict model).
  for (const other of input.mergeParents ?? []) {
    for (const [path, content] of repo.commits.get(other)?.tree ?? []) if (!tree.has(path)) tree.set(path, content);
  }
  for (const [path, content] of Object.entries(input.files ?? {})) {
    if (content === null) tree.delete(path);
    else tree.set(path, content);
  }
  const trailers = (input.coAuthors ?? []).map((who) => {
    const g = gitActor(core, who);
    return `Co-authored-by: ${g.name} <${g.email}>`;
  });
  const message = trailers.length ? `${input.message}\n\n${trailers.join("\n")}` : input.message;
  const author = gitActor(core, input.author ?? actor);
  const committer = input.committer ? gitActor(core, input.committer) : author;
  const commit: Commit = {
    sha: core.store.sha(`${repo.fullName}:${parent ?? ""}:${message}`),
    message,
    author,
    committer,
    parents: [...(parent ? [parent] : []), ...(input.mergeParents ?? [])],
    tree,
    changes: diffTrees(base ?? new Map(), tree),
    ...(input.signed ? { verified: true } : {}),
  };
  repo.commits.set(commit.sha, commit);
  return commit;
}

/**
 * Commits reachable from `head` but not from `base`, parents before children, as GitHub lists a pull
 * request's commits: every parent is followed (a merged-in branch's commits are listed too), not only
 * first parents.
 */
export function commitsBetween(repo: Repo, base: string, head: string): string[] {
  const reachable = (from: string, stop: Set<string>): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c) || stop.has(c) || !repo.commits.has(c)) continue;
      seen.add(c);
      stack.push(...repo.commits.get(c)!.parents);
    }
    return seen;
  };
  const onBase = reachable(base, new Set());
  const ours = reachable(head, onBase);
  // post-order from the head, first parents first: parents come out before their children
  const out: string[] = [];
  const done = new Set<string>();
  const stack: Array<{ sha: string; next: number }> = ours.has(head) ? [{ sha: head, next: 0 }] : [];
  done.add(head);
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    const parents = repo.commits.get(top.sha)!.parents;
    const p = parents[top.next++];
    if (p === undefined) {
      out.push(stack.pop()!.sha);
    } else if (ours.has(p) && !done.has(p)) {
      done.add(p);
      stack.push({ sha: p, next: 0 });
    }
  }
  return out;
}
