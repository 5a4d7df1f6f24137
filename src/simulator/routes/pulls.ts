import { HttpError, validation } from "../errors.js";
import { created, num, ok, paginate, str, type Ctx } from "../http.js";
import { commitJson, fileJson, pullFiles, pullJson } from "../json/pull.js";
import { mergePull, type MergeMethod } from "../ops/merge.js";
import type { Repo } from "../types.js";
import { editPull, openPull, type Pull, type PullPatch } from "../ops/pulls.js";
import type { Router } from "../router.js";
import { sortIssues } from "./issues.js";
import { repoOf } from "./repos.js";

/** GitHub's limits on what the pull request endpoints return. */
export const PR_COMMITS_MAX = 250;
export const PR_FILES_MAX = 3000;

export function pullOf(ctx: Ctx): { repo: ReturnType<typeof repoOf>; pr: Pull } {
  const repo = repoOf(ctx);
  return { repo, pr: ctx.core.store.pull(repo, num(ctx, "pull_number")) };
}

function parseHead(head: string): { owner?: string; ref: string } {
  const i = head.indexOf(":");
  return i < 0 ? { ref: head } : { owner: head.slice(0, i), ref: head.slice(i + 1) };
}

/** Pull requests: open, read, edit, list, commits, files, merge, and PRs for a commit. */
export function registerPulls(router: Router): void {
  router
    .add("POST /repos/{owner}/{repo}/pulls", (ctx) => {
      const repo = repoOf(ctx);
      const head = parseHead(str(ctx.body, "head") ?? "");
      if (!head.ref) throw validation("PullRequest", "head", "missing_field");
      const headRepo = head.owner && head.owner.toLowerCase() !== repo.owner.toLowerCase() ? `${head.owner}/${repo.name}` : undefined;
      const pr = openPull(ctx.core, ctx.actor, repo, {
        title: str(ctx.body, "title") ?? "",
        body: str(ctx.body, "body") ?? null,
        head: head.ref,
        base: str(ctx.body, "base") ?? repo.defaultBranch,
        draft: ctx.body.draft === true,
        ...(headRepo ? { headRepo } : {}),
      });
      return created(pullJson(ctx.core, repo, pr));
    })
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      return ok(pullJson(ctx.core, repo, pr));
    })
    .add("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const patch: PullPatch = {};
      if (typeof ctx.body.title === "string") patch.title = ctx.body.title;
      if (ctx.body.body !== undefined) patch.body = str(ctx.body, "body") ?? null;
      if (ctx.body.state === "open" || ctx.body.state === "closed") patch.state = ctx.body.state;
      if (typeof ctx.body.base === "string") patch.base = ctx.body.base;
      editPull(ctx.core, ctx.actor, repo, pr, patch);
      return ok(pullJson(ctx.core, repo, pr));
    })
    .add("GET /repos/{owner}/{repo}/pulls", (ctx) => {
      const repo = repoOf(ctx);
      const state = ctx.query.get("state") ?? "open";
      const base = ctx.query.get("base");
      const head = ctx.query.get("head") ? parseHead(ctx.query.get("head") ?? "") : undefined;
      const items = [...repo.issues.values()].filter((i) => {
        if (!i.pull || (state !== "all" && i.state !== state)) return false;
        if (base && i.pull.baseRef !== base) return false;
        if (head && (i.pull.headRef !== head.ref || (head.owner && i.pull.headRepo.split("/")[0]?.toLowerCase() !== head.owner.toLowerCase()))) return false;
        return true;
      });
      const sort = ctx.query.get("sort") ?? "created";
      const sorted = sortIssues(items, sort === "popularity" || sort === "long-running" ? "created" : sort, ctx.query.get("direction") ?? "desc");
      return ok(paginate(ctx, sorted).map((i) => pullJson(ctx.core, repo, i)));
    })
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const shas = pr.pull.commits.slice(0, PR_COMMITS_MAX);
      return ok(paginate(ctx, shas, 250).flatMap((sha) => {
        const commit = repo.commits.get(sha);
        return commit ? [commitJson(ctx.core, repo, commit)] : [];
      }));
    })
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const files = pullFiles(repo, pr).slice(0, PR_FILES_MAX);
      return ok(paginate(ctx, files).map((f) => fileJson(ctx.core, repo, pr.pull.headSha, f)));
    })
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}/merge", (ctx) => {
      const { pr } = pullOf(ctx);
      if (!pr.pull.merged) throw new HttpError(404, "Not Found");
      return { status: 204 };
    })
    .add("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const opts: { sha?: string; title?: string; method?: MergeMethod } = {};
      const method = str(ctx.body, "merge_method");
      if (method !== undefined && method !== "merge" && method !== "squash" && method !== "rebase") throw validation("PullRequest", "merge_method", "invalid");
      if (method) opts.method = method;
      const sha = str(ctx.body, "sha");
      const title = str(ctx.body, "commit_title");
      if (sha) opts.sha = sha;
      if (title) opts.title = title;
      const mergeSha = mergePull(ctx.core, ctx.actor, repo, pr, opts);
      return ok({ sha: mergeSha, merged: true, message: "Pull Request successfully merged" });
    })
    .add("GET /repos/{owner}/{repo}/commits/{ref}/pulls", (ctx) => {
      const repo = repoOf(ctx);
      const sha = ctx.core.store.resolveRef(repo, ctx.params.ref ?? "");
      // GitHub: the merged pull request that introduced a commit of the default branch; for a commit not
      // on the default branch, only the open pull requests that contain it
      const onDefault = reachableFrom(repo, repo.branches.get(repo.defaultBranch)?.sha ?? "").has(sha);
      const prs = [...repo.issues.values()].filter((i) => {
        const p = i.pull;
        if (!p) return false;
        // a merge commit brings the pull request's own commits onto the branch too; squash and rebase do not
        if (onDefault) return p.merged && ((p.landedCommits ?? [p.mergeCommitSha]).includes(sha) || (p.mergeMethod !== "squash" && p.mergeMethod !== "rebase" && p.commits.includes(sha)));
        return i.state === "open" && (p.headSha === sha || p.commits.includes(sha));
      });
      return ok(paginate(ctx, prs).map((i) => pullJson(ctx.core, repo, i)));
    })
    .add("GET /repos/{owner}/{repo}/commits/{ref}", (ctx) => {
      const repo = repoOf(ctx);
      const commit = repo.commits.get(ctx.core.store.resolveRef(repo, ctx.params.ref ?? ""));
      if (!commit) throw new HttpError(404, "Not Found");
      const files = commit.changes.map((f) => fileJson(ctx.core, repo, commit.sha, f));
      const stats = { total: 0, additions: 0, deletions: 0 };
      for (const f of commit.changes) (stats.additions += f.additions), (stats.deletions += f.deletions), (stats.total += f.additions + f.deletions);
      return ok({ ...commitJson(ctx.core, repo, commit), stats, files });
    });
}

/** Every commit reachable from `sha` over all parents. */
export function reachableFrom(repo: Repo, sha: string): Set<string> {
  const seen = new Set<string>();
  for (const stack = [sha]; stack.length > 0; ) {
    const next = stack.pop()!;
    if (seen.has(next) || !repo.commits.has(next)) continue;
    seen.add(next);
    stack.push(...repo.commits.get(next)!.parents);
  }
  return seen;
}
