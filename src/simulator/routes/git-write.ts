import { HttpError, notFound } from "../errors.js";
import { created, ok, param, str, type Ctx } from "../http.js";
import { nodeId } from "../json/user.js";
import { pushCommits } from "../ops/push.js";
import type { Router } from "../router.js";
import type { Repo } from "../types.js";
import { blobSha, contentEntry, repoOf } from "./repos.js";

function refJson(ctx: Ctx, repo: Repo, name: string, sha: string): Record<string, unknown> {
  const api = `${ctx.core.urls.api}/repos/${repo.fullName}`;
  return { ref: `refs/heads/${name}`, node_id: nodeId("Ref", `${repo.id}:${name}`), url: `${api}/git/refs/heads/${name}`, object: { sha, type: "commit", url: `${api}/git/commits/${sha}` } };
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * Branches and files written through the API, as an app opening a pull request does: create a ref,
 * create or update a file (one commit and a `push`, as GitHub sends), with GitHub's errors.
 */
export function registerGitWrite(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/git/ref/{ref}", (ctx) => {
      const repo = repoOf(ctx);
      const name = param(ctx, "ref").replace(/^heads\//, "");
      const branch = param(ctx, "ref").startsWith("heads/") ? repo.branches.get(name) : undefined;
      if (!branch) throw notFound();
      return ok(refJson(ctx, repo, branch.name, branch.sha));
    })
    .add("POST /repos/{owner}/{repo}/git/refs", (ctx) => {
      const repo = repoOf(ctx);
      const ref = str(ctx.body, "ref") ?? "";
      const sha = str(ctx.body, "sha") ?? "";
      // GitHub: a ref that does not start with refs and have at least two slashes is rejected
      if (!/^refs\/heads\/[^/].*/.test(ref)) throw new HttpError(422, `${ref || "ref"} is not a valid ref name.`);
      const name = ref.slice("refs/heads/".length);
      if (repo.branches.has(name)) throw new HttpError(422, "Reference already exists");
      if (!repo.commits.has(sha)) throw new HttpError(422, "Object does not exist");
      pushCommits(ctx.core, ctx.actor, repo, name, [], { from: sha });
      ctx.resHeaders.location = `${ctx.core.urls.api}/repos/${repo.fullName}/git/refs/heads/${name}`;
      return created(refJson(ctx, repo, name, sha));
    })
    .add("PUT /repos/{owner}/{repo}/contents/{path}", (ctx) => {
      const repo = repoOf(ctx);
      const path = param(ctx, "path").replace(/^\/+|\/+$/g, "");
      const message = str(ctx.body, "message");
      const content = str(ctx.body, "content");
      if (message === undefined || content === undefined) throw new HttpError(422, `Invalid request.\n\n"${message === undefined ? "message" : "content"}" wasn't supplied.`);
      if (!BASE64.test(content)) throw new HttpError(422, "content is not valid Base64");
      const branchName = str(ctx.body, "branch") ?? repo.defaultBranch;
      const branch = repo.branches.get(branchName);
      if (!branch) throw notFound(`Branch ${branchName} not found`);
      const current = repo.commits.get(branch.sha)?.tree.get(path);
      const sha = str(ctx.body, "sha");
      if (current !== undefined && sha === undefined) throw new HttpError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
      if (current !== undefined && sha !== blobSha(current)) throw new HttpError(409, `${path} does not match ${sha}`);
      const text = Buffer.from(content, "base64").toString("utf8");
      const [commit] = pushCommits(ctx.core, ctx.actor, repo, branchName, [{ message, files: { [path]: text } }]);
      if (!commit) throw new HttpError(500, "no commit made");
      const api = `${ctx.core.urls.api}/repos/${repo.fullName}`;
      const git = (a: typeof commit.author) => ({ name: a.name, email: a.email, date: a.date });
      const tree = commit.sha.split("").reverse().join("");
      const body = {
        content: contentEntry(ctx, repo, branchName, path, text),
        commit: {
          sha: commit.sha,
          node_id: nodeId("Commit", commit.sha),
          url: `${api}/git/commits/${commit.sha}`,
          html_url: `${ctx.core.urls.html}/${repo.fullName}/commit/${commit.sha}`,
          author: git(commit.author),
          committer: git(commit.committer),
          message: commit.message,
          tree: { url: `${api}/git/trees/${tree}`, sha: tree },
          parents: commit.parents.map((p) => ({ url: `${api}/git/commits/${p}`, html_url: `${ctx.core.urls.html}/${repo.fullName}/commit/${p}`, sha: p })),
          verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
        },
      };
      return current === undefined ? created(body) : ok(body);
    });
}
