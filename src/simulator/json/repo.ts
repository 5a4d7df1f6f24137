import type { Core } from "../core.js";
import type { Repo } from "../types.js";
import { nodeId, userByLogin } from "./user.js";

/**
 * A repository as in webhook payloads and `GET /repos/{owner}/{repo}` (`full`: GitHub's
 * full-repository, the only form that names the owning organisation, as a simple user).
 */
export function repoJson(core: Core, repo: Repo, opts: { push?: boolean; full?: boolean } = {}): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  const org = core.store.findOrg(repo.owner);
  const ownerUser = core.store.ensureUser(repo.owner);
  const owner: Record<string, unknown> = { ...userByLogin(core, repo.owner), type: org ? "Organization" : "User" };
  // Push payloads describe the owner with git-style name and email as well.
  if (opts.push) Object.assign(owner, { name: repo.owner, email: org ? null : ownerUser.email });
  const openIssues = repo.openIssues;
  // Push payloads carry repository times as Unix seconds, every other event as ISO strings.
  const time = (iso: string): string | number => (opts.push ? Math.floor(Date.parse(iso) / 1000) : iso);
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner,
    html_url: `${core.urls.html}/${repo.fullName}`,
    description: repo.description,
    fork: repo.forkOf !== null,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    archive_url: `${api}/{archive_format}{/ref}`,
    comments_url: `${api}/comments{/number}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    labels_url: `${api}/labels{/name}`,
    commits_url: `${api}/commits{/sha}`,
    contents_url: `${api}/contents/{+path}`,
    issues_url: `${api}/issues{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    compare_url: `${api}/compare/{base}...{head}`,
    created_at: time(repo.createdAt),
    updated_at: repo.updatedAt,
    pushed_at: time(repo.pushedAt),
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${core.urls.html}/${repo.fullName}.git`,
    svn_url: `${core.urls.html}/${repo.fullName}`,
    mirror_url: null,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    archived: repo.archived === true,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    web_commit_signoff_required: false,
    custom_properties: {},
    ...(opts.push ? { stargazers: 0, master_branch: repo.defaultBranch } : {}),
    ...(opts.full ? { organization: org ? { ...userByLogin(core, repo.owner), type: "Organization" } : null, network_count: 0, subscribers_count: 0 } : {}),
  };
}

/** The short repository form nested in `head.repo` of check-run pull requests. */
export function repoRef(core: Core, repo: Repo): Record<string, unknown> {
  return { id: repo.id, url: `${core.urls.api}/repos/${repo.fullName}`, name: repo.name };
}
