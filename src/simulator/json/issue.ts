import type { Core } from "../core.js";
import type { Comment, Issue, Label, Repo } from "../types.js";
import { appJson, nodeId, userByLogin } from "./user.js";

/** As on GitHub: what an app writes carries the app; what people write carries null. */
export function viaApp(core: Core, login: string): Record<string, unknown> | null {
  return login.toLowerCase() === core.app.botLogin.toLowerCase() ? appJson(core) : null;
}

export function labelJson(core: Core, repo: Repo, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${core.urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function issueLabels(core: Core, repo: Repo, issue: Issue): Record<string, unknown>[] {
  return issue.labels.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [labelJson(core, repo, label)] : [];
  });
}

/** OWNER, MEMBER, COLLABORATOR or NONE, as GitHub computes `author_association`. */
export function association(core: Core, repo: Repo, login: string): string {
  if (repo.owner.toLowerCase() === login.toLowerCase()) return "OWNER";
  if (core.store.isOrgMember(repo.owner, login)) return "MEMBER";
  if (repo.collaborators.has(login.toLowerCase())) return "COLLABORATOR";
  return "NONE";
}

const reactions = (url: string): Record<string, unknown> => ({
  url: `${url}/reactions`,
  total_count: 0,
  "+1": 0,
  "-1": 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

/** An issue (or the issue side of a pull request) as in REST and `issues` webhooks. */
export function issueJson(core: Core, repo: Repo, issue: Issue): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const kind = issue.pull ? "pull" : "issues";
  const assignees = issue.assignees.map((login) => userByLogin(core, login));
  const json: Record<string, unknown> = {
    url: api,
    repository_url: `${core.urls.api}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${core.urls.html}/${repo.fullName}/${kind}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: userByLogin(core, issue.user),
    labels: issueLabels(core, repo, issue),
    state: issue.state,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: association(core, repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.closedBy ? userByLogin(core, issue.closedBy) : null,
    reactions: reactions(api),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: viaApp(core, issue.user),
    state_reason: issue.stateReason,
  };
  json.draft = issue.pull?.draft ?? false;
  if (issue.pull) {
    json.pull_request = {
      url: `${core.urls.api}/repos/${repo.fullName}/pulls/${issue.number}`,
      html_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}`,
      diff_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}.diff`,
      patch_url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return json;
}

export function commentJson(core: Core, repo: Repo, comment: Comment): Record<string, unknown> {
  const url = `${core.urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${core.urls.html}/${repo.fullName}/issues/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${core.urls.api}/repos/${repo.fullName}/issues/${comment.issue}`,
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    user: userByLogin(core, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: association(core, repo, comment.user),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: viaApp(core, comment.user),
  };
}
