import { createHash } from "node:crypto";
import { notFound } from "../errors.js";
import { diffTrees } from "../git.js";
import { commitJson, fileJson } from "../json/pull.js";
import { ok, paginate, param, type Ctx } from "../http.js";
import { repoJson } from "../json/repo.js";
import type { Router } from "../router.js";
import type { Repo } from "../types.js";

export function repoOf(ctx: Ctx): Repo {
  return ctx.core.store.repo(param(ctx, "owner"), param(ctx, "repo"));
}

export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export function contentEntry(ctx: Ctx, repo: Repo, ref: string, path: string, content?: string): Record<string, unknown> {
  const api = `${ctx.core.urls.api}/repos/${repo.fullName}`;
  const html = `${ctx.core.urls.html}/${repo.fullName}/${content === undefined ? "tree" : "blob"}/${ref}/${path}`;
  const sha = content === undefined ? createHash("sha1").update(path).digest("hex") : blobSha(content);
  return {
    type: content === undefined ? "dir" : "file",
    size: content === undefined ? 0 : Buffer.byteLength(content),
    name: path.split("/").pop() ?? path,
    path,
    sha,
    url: `${api}/contents/${path}?ref=${ref}`,
    git_url: `${api}/git/${content === undefined ? "trees" : "blobs"}/${sha}`,
    html_url: html,
    download_url: content === undefined ? null : `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${path}`,
    _links: { self: `${api}/contents/${path}?ref=${ref}`, git: `${api}/git/blobs/${sha}`, html },
  };
}

/** Every commit reachable from `sha` over all parents, `sha` included, nearest first. */
function reachable(repo: Repo, sha: string): string[] {
  const seen = new Set<string>();
  for (const queue = [sha]; queue.length > 0; ) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return [...seen];
}

/** GitHub's compare lists at most 250 commits (`total_commits` still counts them all). */
const COMPARE_COMMITS_MAX = 250;

/**
 * Git's merge base of two commits: a common ancestor that is not an ancestor of another common
 * ancestor (the best one), nearest to `b` first when there are several; null when none. The nearest
 * common ancestor breadth-first is not it: with `b` a merge whose first parent is an older ancestor of
 * `a` and whose second parent is `a`, both are one step away, yet the merge base is `a` itself.
 */
function mergeBase(repo: Repo, a: string, b: string): string | null {
  const ofA = new Set(reachable(repo, a));
  const common = reachable(repo, b).filter((c) => ofA.has(c));
  // every proper ancestor of a common ancestor, in one walk from all their parents
  const beneath = new Set<string>();
  for (const queue = common.flatMap((c) => repo.commits.get(c)?.parents ?? []); queue.length > 0; ) {
    const next = queue.pop()!;
    if (beneath.has(next)) continue;
    beneath.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return common.find((c) => !beneath.has(c)) ?? null;
}

/** GitHub's compare (`base...head`) lists at most 300 files. */
const COMPARE_FILES_MAX = 300;

/** `GET /repos/{owner}/{repo}` and the Contents API (JSON with base64, or raw with `Accept: ...raw`). */
export function registerRepos(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}", (ctx) => ok(repoJson(ctx.core, repoOf(ctx), { full: true })))
    .add("GET /repos/{owner}/{repo}/compare/{basehead}", (ctx) => {
      // three-dot compare: the files changed from the merge base of the two commits to the head
      const repo = repoOf(ctx);
      const [baseRef, headRef] = param(ctx, "basehead").split("...");
      if (!baseRef || !headRef) throw notFound();
      const base = ctx.core.store.resolveRef(repo, baseRef);
      const head = ctx.core.store.resolveRef(repo, headRef);
      const from = mergeBase(repo, base, head);
      const headCommit = repo.commits.get(head);
      if (!headCommit || !repo.commits.get(base)) throw notFound();
      const before = from ? (repo.commits.get(from)?.tree ?? new Map<string, string>()) : new Map<string, string>();
      const files = diffTrees(before, headCommit.tree).slice(0, COMPARE_FILES_MAX);
      // a file's `sha` is its blob (git's object id of the content), as on GitHub; a removed file's is the blob it had
      const blob = (f: { filename: string; status: string }) => blobSha(f.status === "removed" ? before.get(f.filename)! : headCommit.tree.get(f.filename)!);
      const inBase = new Set(reachable(repo, base));
      const inHead = new Set(reachable(repo, head));
      // Oldest first, as GitHub lists them: every commit in base..head, merges and their second parents included.
      const ahead = [...inHead].filter((c) => !inBase.has(c)).reverse();
      const behindBy = [...inBase].filter((c) => !inHead.has(c)).length;
      const api = `${ctx.core.urls.api}/repos/${repo.fullName}`;
      const html = `${ctx.core.urls.html}/${repo.fullName}`;
      const basehead = `${baseRef}...${headRef}`;
      const mergeBaseCommit = from ? repo.commits.get(from) : undefined;
      return ok({
        url: `${api}/compare/${basehead}`,
        html_url: `${html}/compare/${basehead}`,
        permalink_url: `${html}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
        diff_url: `${html}/compare/${basehead}.diff`,
        patch_url: `${html}/compare/${basehead}.patch`,
        base_commit: commitJson(ctx.core, repo, repo.commits.get(base)!),
        merge_base_commit: mergeBaseCommit ? commitJson(ctx.core, repo, mergeBaseCommit) : { sha: from },
        status: from === head ? (from === base ? "identical" : "behind") : from === base ? "ahead" : "diverged",
        ahead_by: ahead.length,
        behind_by: behindBy,
        total_commits: ahead.length,
        // without per_page/page the first 250; with them, that page (GitHub: "use per_page or page to paginate")
        commits: (ctx.query.has("per_page") || ctx.query.has("page") ? paginate(ctx, ahead, COMPARE_COMMITS_MAX) : ahead.slice(0, COMPARE_COMMITS_MAX)).map((c) => commitJson(ctx.core, repo, repo.commits.get(c)!)),
        files: files.map((f) => ({ ...fileJson(ctx.core, repo, head, f), sha: blob(f) })),
      });
    })
    .add("GET /repos/{owner}/{repo}/contents/{path}", (ctx) => {
      const repo = repoOf(ctx);
      const ref = ctx.query.get("ref") ?? repo.defaultBranch;
      const sha = ctx.core.store.resolveRef(repo, ref);
      const tree = repo.commits.get(sha)?.tree ?? new Map<string, string>();
      const path = param(ctx, "path").replace(/^\/+|\/+$/g, "");
      const content = tree.get(path);
      if (content === undefined) {
        const children = new Set<string>();
        for (const file of tree.keys()) {
          if (!file.startsWith(`${path}/`)) continue;
          const rest = file.slice(path.length + 1);
          children.add(rest.includes("/") ? `${path}/${rest.split("/")[0]}` : file);
        }
        if (children.size === 0) throw notFound();
        return ok([...children].sort().map((child) => contentEntry(ctx, repo, ref, child, tree.get(child))));
      }
      if (/raw/.test(String(ctx.headers.accept ?? ""))) return { status: 200, raw: content, contentType: "text/plain; charset=utf-8" };
      const base64 = Buffer.from(content, "utf8").toString("base64").replace(/(.{60})/g, "$1\n");
      return ok({ ...contentEntry(ctx, repo, ref, path, content), content: `${base64}\n`, encoding: "base64" });
    });
}
