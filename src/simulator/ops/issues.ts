import type { Core } from "../core.js";
import { notFound, validation } from "../errors.js";
import { issueJson, labelJson } from "../json/issue.js";
import { repoJson } from "../json/repo.js";
import { userByLogin } from "../json/user.js";
import type { Issue, Repo } from "../types.js";
import { addTimeline, crossReference, emitIssueEvent, touch } from "./events.js";
import { ensureLabel } from "./labels.js";

export interface IssueInput {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
}

export interface IssuePatch {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  state_reason?: string | null;
  labels?: string[];
  assignees?: string[];
}

/** Creates the issue record only (no events); shared by issues and pull requests. */
export function newIssue(core: Core, repo: Repo, user: string, title: string, body: string | null): Issue {
  const now = core.now();
  const issue: Issue = {
    number: repo.nextNumber++,
    id: core.store.id(),
    title,
    body,
    user,
    labels: [],
    assignees: [],
    state: "open",
    stateReason: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    comments: [],
    timeline: [],
  };
  repo.issues.set(issue.number, issue);
  repo.openIssues++;
  repo.updatedAt = now;
  return issue;
}

/** Opens an issue; like GitHub, labels and assignees given at creation also emit labeled/assigned. */
export function createIssue(core: Core, actor: string, repo: Repo, input: IssueInput): Issue {
  if (!input.title?.trim()) throw validation("Issue", "title", "missing_field");
  const issue = newIssue(core, repo, actor, input.title, input.body ?? null);
  const labels = (input.labels ?? []).map((name) => ensureLabel(core, actor, repo, name).name);
  issue.labels = [...new Set(labels)];
  issue.assignees = validAssignees(core, input.assignees ?? []);
  emitIssueEvent(core, repo, issue, "opened", actor);
  afterOpen(core, repo, issue, actor);
  return issue;
}

/** Timeline and webhooks for labels and assignees present when an issue or PR is opened. */
export function afterOpen(core: Core, repo: Repo, issue: Issue, actor: string): void {
  for (const name of issue.labels) labeledEvent(core, repo, issue, name, actor, "labeled");
  for (const login of issue.assignees) assignedEvent(core, repo, issue, login, actor, "assigned");
  crossReference(core, repo, issue, issue.body, actor);
}

function validAssignees(core: Core, logins: string[]): string[] {
  // GitHub silently drops assignees it cannot assign; unknown logins are dropped here.
  return [...new Set(logins.filter((l) => core.store.findUser(l)).map((l) => core.store.user(l).login))];
}

function labeledEvent(core: Core, repo: Repo, issue: Issue, name: string, actor: string, action: "labeled" | "unlabeled"): void {
  const label = repo.labels.get(name.toLowerCase());
  const json = label ? labelJson(core, repo, label) : { name };
  addTimeline(core, issue, { event: action, actor, label: { name, color: label?.color ?? "ededed" } });
  emitIssueEvent(core, repo, issue, action, actor, { label: json });
}

function assignedEvent(core: Core, repo: Repo, issue: Issue, login: string, actor: string, action: "assigned" | "unassigned"): void {
  addTimeline(core, issue, { event: action, actor, assignee: login });
  emitIssueEvent(core, repo, issue, action, actor, { assignee: userByLogin(core, login) });
}

/** GitHub's limit: an issue holds at most 100 labels; adding past it is refused whole (422). */
export const MAX_ISSUE_LABELS = 100;

export function addLabels(core: Core, actor: string, repo: Repo, issue: Issue, names: string[]): void {
  const fresh = new Set(names.map((n) => n.toLowerCase()).filter((n) => !issue.labels.some((l) => l.toLowerCase() === n)));
  if (issue.labels.length + fresh.size > MAX_ISSUE_LABELS) throw validation("Label", "labels", "custom", `an issue can have at most ${MAX_ISSUE_LABELS} labels`);
  for (const raw of names) {
    const name = ensureLabel(core, actor, repo, raw).name;
    if (issue.labels.includes(name)) continue;
    issue.labels.push(name);
    touch(core, repo, issue);
    labeledEvent(core, repo, issue, name, actor, "labeled");
  }
}

export function removeLabel(core: Core, actor: string, repo: Repo, issue: Issue, raw: string): void {
  const name = issue.labels.find((l) => l.toLowerCase() === raw.toLowerCase());
  if (!name) throw notFound("Label does not exist");
  issue.labels = issue.labels.filter((l) => l !== name);
  touch(core, repo, issue);
  labeledEvent(core, repo, issue, name, actor, "unlabeled");
}

export function setLabels(core: Core, actor: string, repo: Repo, issue: Issue, names: string[]): void {
  const wanted = new Set(names.map((n) => ensureLabel(core, actor, repo, n).name));
  for (const name of [...issue.labels]) if (!wanted.has(name)) removeLabel(core, actor, repo, issue, name);
  addLabels(core, actor, repo, issue, [...wanted]);
}

export function addAssignees(core: Core, actor: string, repo: Repo, issue: Issue, logins: string[]): void {
  for (const login of validAssignees(core, logins)) {
    if (issue.assignees.includes(login)) continue;
    issue.assignees.push(login);
    touch(core, repo, issue);
    assignedEvent(core, repo, issue, login, actor, "assigned");
  }
}

export function removeAssignees(core: Core, actor: string, repo: Repo, issue: Issue, logins: string[]): void {
  for (const raw of logins) {
    const login = issue.assignees.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!login) continue;
    issue.assignees = issue.assignees.filter((a) => a !== login);
    touch(core, repo, issue);
    assignedEvent(core, repo, issue, login, actor, "unassigned");
  }
}

export function closeIssue(core: Core, actor: string, repo: Repo, issue: Issue, reason: string | null = "completed"): void {
  if (issue.state === "closed") return;
  issue.state = "closed";
  repo.openIssues--;
  issue.stateReason = issue.pull ? null : (reason ?? "completed");
  issue.closedAt = core.now();
  issue.closedBy = actor;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "closed", actor, stateReason: issue.stateReason });
  emitIssueEvent(core, repo, issue, "closed", actor);
}

/**
 * Deletes an issue, as a repository admin can in the web interface (GitHub's REST API has no delete):
 * it leaves every list, and reading it answers 410 Gone ("If the issue was deleted from a repository
 * where the authenticated user has read access, the API returns a 410 Gone status"). `issues.deleted`.
 */
export function deleteIssue(core: Core, actor: string, repo: Repo, issue: Issue): void {
  if (issue.pull) throw validation("Issue", "number", "invalid", "Pull requests cannot be deleted");
  if (issue.state === "open") repo.openIssues--;
  emitIssueEvent(core, repo, issue, "deleted", actor);
  repo.issues.delete(issue.number);
  (repo.deletedIssues ??= new Set()).add(issue.number);
}

/**
 * Transfers an open issue to another repository of the same owner, as someone with write access to
 * both may in the web interface ("Transferring an issue to another repository"): it gets the next
 * number there; comments, assignees and its history are retained, and labels only where the target
 * has one of the same name. The original URL redirects: reading the old issue answers
 * `301 Moved Permanently` to the new one. GitHub sends `issues.opened` to the target (its `changes`
 * naming the old issue and repository), then `issues.transferred` to the source (the old issue, its
 * `changes` naming the new one).
 */
export function transferIssue(core: Core, actor: string, repo: Repo, issue: Issue, target: Repo): Issue {
  if (issue.pull) throw validation("Issue", "number", "invalid", "Pull requests cannot be transferred");
  if (issue.state !== "open") throw validation("Issue", "state", "invalid", "Only open issues can be transferred");
  if (target === repo) throw validation("Issue", "repository", "invalid", "The issue is already in this repository");
  if (target.owner.toLowerCase() !== repo.owner.toLowerCase()) throw validation("Issue", "repository", "invalid", "Issues can only be transferred between repositories of the same owner");
  if (repo.private && !target.private) throw validation("Issue", "repository", "invalid", "An issue in a private repository cannot be transferred to a public repository");
  for (const r of [repo, target]) {
    const role = r.collaborators.get(actor.toLowerCase());
    const writes = r.owner.toLowerCase() === actor.toLowerCase() || role === "write" || role === "maintain" || role === "admin";
    if (!writes) throw notFound(`${actor} needs write access to ${r.fullName} to transfer an issue`);
  }
  const oldIssue = issueJson(core, repo, issue);
  const oldRepository = repoJson(core, repo);
  const now = core.now();
  const moved: Issue = {
    ...issue,
    number: target.nextNumber++,
    id: core.store.id(),
    labels: issue.labels.flatMap((name) => target.labels.get(name.toLowerCase())?.name ?? []),
    updatedAt: now,
    timeline: [...issue.timeline],
  };
  target.issues.set(moved.number, moved);
  target.openIssues++;
  target.updatedAt = now;
  for (const id of moved.comments) {
    const c = core.store.comments.get(id);
    if (c) Object.assign(c, { repo: target.fullName, issue: moved.number });
  }
  repo.issues.delete(issue.number);
  repo.openIssues--;
  (repo.movedIssues ??= new Map()).set(issue.number, { repo: target.fullName, number: moved.number });
  emitIssueEvent(core, target, moved, "opened", actor, { changes: { old_issue: oldIssue, old_repository: oldRepository } });
  core.emitRepo("issues", repo, actor, { action: "transferred", changes: { new_issue: issueJson(core, target, moved), new_repository: repoJson(core, target) }, issue: oldIssue });
  return moved;
}

export function reopenIssue(core: Core, actor: string, repo: Repo, issue: Issue): void {
  if (issue.state === "open") return;
  if (issue.pull?.merged) throw validation("PullRequest", "state", "invalid", "Cannot reopen a merged pull request");
  issue.state = "open";
  repo.openIssues++;
  issue.stateReason = issue.pull ? null : "reopened";
  issue.closedAt = null;
  issue.closedBy = null;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "reopened", actor, stateReason: issue.stateReason });
  emitIssueEvent(core, repo, issue, "reopened", actor);
}

/** Applies a PATCH: one `edited` (title/body changes), then state, labels and assignees in GitHub's order. */
export function editIssue(core: Core, actor: string, repo: Repo, issue: Issue, patch: IssuePatch): void {
  const changes: Record<string, { from: unknown }> = {};
  if (patch.title !== undefined && patch.title !== issue.title) {
    if (!patch.title.trim()) throw validation("Issue", "title", "missing_field");
    changes.title = { from: issue.title };
    addTimeline(core, issue, { event: "renamed", actor, rename: { from: issue.title, to: patch.title } });
    issue.title = patch.title;
  }
  if (patch.body !== undefined && patch.body !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = patch.body;
  }
  if (Object.keys(changes).length > 0) {
    touch(core, repo, issue);
    emitIssueEvent(core, repo, issue, "edited", actor, { changes });
    if (changes.body) crossReference(core, repo, issue, issue.body, actor);
  }
  if (patch.labels !== undefined) setLabels(core, actor, repo, issue, patch.labels);
  if (patch.assignees !== undefined) {
    const wanted = validAssignees(core, patch.assignees);
    removeAssignees(core, actor, repo, issue, issue.assignees.filter((a) => !wanted.includes(a)));
    addAssignees(core, actor, repo, issue, wanted);
  }
  if (patch.state === "closed") closeIssue(core, actor, repo, issue, patch.state_reason ?? "completed");
  else if (patch.state === "open") reopenIssue(core, actor, repo, issue);
  else if (patch.state_reason !== undefined && issue.state === "closed") issue.stateReason = patch.state_reason;
}
