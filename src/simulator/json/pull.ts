import type { Core } from "../core.js";
import { diffTrees, loginForEmail } from "../git.js";
import type { Commit, FileChange, Issue, Repo, Review } from "../types.js";
import { association, issueJson } from "./issue.js";
import { repoJson } from "./repo.js";
import { nodeId, userByLogin } from "./user.js";

type Pull = Issue & { pull: NonNullable<Issue["pull"]> };

function isPull(issue: Issue): issue is Pull {
  return issue.pull !== undefined;
}

export function pullFiles(repo: Repo, issue: Issue): FileChange[] {
  if (!isPull(issue)) return [];
  const base = repo.commits.get(issue.pull.baseSha)?.tree ?? new Map<string, string>();
  const head = repo.commits.get(issue.pull.headSha)?.tree ?? new Map<string, string>();
  return diffTrees(base, head);
}

/** A pull request as in REST and `pull_request` webhooks. */
export function pullJson(core: Core, repo: Repo, issue: Issue): Record<string, unknown> {
  if (!isPull(issue)) throw new Error(`#${issue.number} is not a pull request`);
  const { pull } = issue;
  const api = `${core.urls.api}/repos/${repo.fullName}/pulls/${issue.number}`;
  const base = issueJson(core, repo, issue);
  const headRepo = core.store.repoByName(pull.headRepo);
  const files = pullFiles(repo, issue);
  const side = (r: Repo, ref: string, sha: string): Record<string, unknown> => ({
    label: `${r.owner}:${ref}`,
    ref,
    sha,
    user: userByLogin(core, r.owner),
    repo: repoJson(core, r),
  });
  return {
    url: api,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}`,
    diff_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}.diff`,
    patch_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}.patch`,
    issue_url: base.url,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: base.user,
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: base.assignee,
    assignees: base.assignees,
    requested_reviewers: [],
    requested_teams: [],
    labels: base.labels,
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${core.urls.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${core.urls.api}/repos/${repo.fullName}/issues/${issue.number}/comments`,
    statuses_url: `${core.urls.api}/repos/${repo.fullName}/statuses/${pull.headSha}`,
    head: side(headRepo, pull.headRef, pull.headSha),
    base: side(repo, pull.baseRef, pull.baseSha),
    _links: {
      self: { href: api },
      html: { href: `${core.urls.html}/${repo.fullName}/pull/${issue.number}` },
      issue: { href: base.url },
      comments: { href: `${base.url}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${core.urls.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${core.urls.api}/repos/${repo.fullName}/statuses/${pull.headSha}` },
    },
    author_association: base.author_association,
    auto_merge: null,
    active_lock_reason: null,
    merged: pull.merged,
    mergeable: pull.merged ? null : true,
    rebaseable: pull.merged ? null : true,
    mergeable_state: pull.merged ? "unknown" : "clean",
    merged_by: pull.mergedBy ? userByLogin(core, pull.mergedBy) : null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.commits.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

export function reviewJson(core: Core, repo: Repo, issue: Issue, review: Review): Record<string, unknown> {
  const html = `${core.urls.html}/${repo.fullName}/pull/${issue.number}#pullrequestreview-${review.id}`;
  const pr = `${core.urls.api}/repos/${repo.fullName}/pulls/${issue.number}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: userByLogin(core, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pr,
    author_association: association(core, repo, review.user),
    _links: { html: { href: html }, pull_request: { href: pr } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
  };
}

/** A commit as `GET /repos/{owner}/{repo}/pulls/{pull_number}/commits` lists it. */
export function commitJson(core: Core, repo: Repo, commit: Commit): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  const account = (email: string): Record<string, unknown> | null => {
    const login = loginForEmail(core, email);
    return login ? userByLogin(core, login) : null;
  };
  const git = (a: Commit["author"]): Record<string, unknown> => ({ name: a.name, email: a.email, date: a.date });
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    commit: {
      author: git(commit.author),
      committer: git(commit.committer),
      message: commit.message,
      tree: { sha: commit.sha.split("").reverse().join(""), url: `${api}/git/trees/${commit.sha}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: commit.verified
        ? { verified: true, reason: "valid", signature: "-----BEGIN PGP SIGNATURE-----", payload: commit.message, verified_at: commit.committer.date }
        : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${core.urls.html}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: account(commit.author.email),
    committer: account(commit.committer.email),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${core.urls.html}/${repo.fullName}/commit/${sha}` })),
  };
}

export function fileJson(core: Core, repo: Repo, sha: string, file: FileChange): Record<string, unknown> {
  return {
    sha: sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${core.urls.html}/${repo.fullName}/blob/${sha}/${file.filename}`,
    raw_url: `${core.urls.html}/${repo.fullName}/raw/${sha}/${file.filename}`,
    contents_url: `${core.urls.api}/repos/${repo.fullName}/contents/${file.filename}?ref=${sha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}
