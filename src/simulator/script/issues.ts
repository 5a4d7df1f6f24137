import { parse } from "yaml";
import type { Core } from "../core.js";
import type { CommitInput } from "../git.js";
import { createComment, deleteComment, editComment } from "../ops/comments.js";
import {
  addAssignees,
  addLabels,
  closeIssue,
  createIssue,
  deleteIssue,
  editIssue,
  removeAssignees,
  removeLabel,
  reopenIssue,
  transferIssue,
  type IssueInput,
  type IssuePatch,
} from "../ops/issues.js";
import { createLabel, updateLabel, type LabelInput } from "../ops/labels.js";
import { pushCommits } from "../ops/push.js";
import type { Comment, Commit, Issue, Label } from "../types.js";

/** Issue, label, comment and file actions of a scripted user (see `Actor`). */
export class IssueActor {
  constructor(
    protected readonly core: Core,
    readonly login: string,
  ) {
    core.store.ensureUser(login);
  }

  protected repo(fullName: string) {
    return this.core.store.repoByName(fullName);
  }

  protected issueOf(fullName: string, number: number): { repo: ReturnType<IssueActor["repo"]>; issue: Issue } {
    const repo = this.repo(fullName);
    return { repo, issue: this.core.store.issue(repo, number) };
  }

  /**
   * A person opens an issue on github.com, by hand or through an issue form: only labels that exist
   * in the repository are applied, the others are dropped (GitHub's web UI offers only existing
   * labels, and a form's `labels:` that do not exist are skipped). The REST API creates missing ones.
   */
  openIssue(repo: string, input: IssueInput): Issue {
    const r = this.repo(repo);
    const labels = input.labels?.filter((name) => r.labels.has(name.toLowerCase()));
    return createIssue(this.core, this.login, r, { ...input, ...(labels ? { labels } : {}) });
  }

  /**
   * A person files an issue through the repository's issue form `form` (a file in
   * .github/ISSUE_TEMPLATE/ on the default branch): the form's title prefix, its `labels:` that
   * exist and its `assignees:` are applied, as GitHub does; `body` is the rendered answers (see
   * src/demo/forms.ts). Throws when the repository has no such form.
   */
  fileForm(repo: string, form: string, input: { title: string; body: string }): Issue {
    const r = this.repo(repo);
    const path = `.github/ISSUE_TEMPLATE/${form}`;
    const text = r.commits.get(r.branches.get(r.defaultBranch)?.sha ?? "")?.tree.get(path);
    if (text === undefined) throw new Error(`fileForm: ${repo} has no ${path}`);
    const doc = (parse(text) ?? {}) as { title?: unknown; labels?: unknown; assignees?: unknown };
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(",").map((x) => x.trim()).filter(Boolean) : []);
    const prefix = typeof doc.title === "string" ? doc.title : "";
    return this.openIssue(repo, { title: `${prefix}${input.title}`, body: input.body, labels: list(doc.labels), assignees: list(doc.assignees) });
  }

  editIssue(repo: string, number: number, patch: IssuePatch): Issue {
    const { repo: r, issue } = this.issueOf(repo, number);
    editIssue(this.core, this.login, r, issue, patch);
    return issue;
  }

  comment(repo: string, number: number, body: string): Comment {
    const { repo: r, issue } = this.issueOf(repo, number);
    return createComment(this.core, this.login, r, issue, body);
  }

  editComment(repo: string, commentId: number, body: string): Comment {
    const r = this.repo(repo);
    return editComment(this.core, this.login, r, this.core.store.comment(r, commentId), body);
  }

  deleteComment(repo: string, commentId: number): void {
    const r = this.repo(repo);
    deleteComment(this.core, this.login, r, this.core.store.comment(r, commentId));
  }

  addLabels(repo: string, number: number, labels: string[]): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    addLabels(this.core, this.login, r, issue, labels);
  }

  removeLabel(repo: string, number: number, label: string): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    removeLabel(this.core, this.login, r, issue, label);
  }

  assign(repo: string, number: number, logins: string[]): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    addAssignees(this.core, this.login, r, issue, logins);
  }

  unassign(repo: string, number: number, logins: string[]): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    removeAssignees(this.core, this.login, r, issue, logins);
  }

  close(repo: string, number: number, reason: "completed" | "not_planned" = "completed"): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    closeIssue(this.core, this.login, r, issue, reason);
  }

  /** Deletes an issue (an admin, in the web interface): reading it answers 410 Gone from then on. */
  deleteIssue(repo: string, number: number): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    deleteIssue(this.core, this.login, r, issue);
  }

  /** Transfers an open issue to `to` (same owner; write access to both), as in the web interface; returns it in its new place. */
  transferIssue(repo: string, number: number, to: string): Issue {
    const { repo: r, issue } = this.issueOf(repo, number);
    return transferIssue(this.core, this.login, r, issue, this.repo(to));
  }

  reopen(repo: string, number: number): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    reopenIssue(this.core, this.login, r, issue);
  }

  createLabel(repo: string, label: LabelInput): Label {
    return createLabel(this.core, this.login, this.repo(repo), label);
  }

  /** Edits a label (`new_name` renames it, as `PATCH /repos/{o}/{r}/labels/{name}` does). */
  updateLabel(repo: string, name: string, patch: Partial<LabelInput> & { new_name?: string }): Label {
    return updateLabel(this.core, this.login, this.repo(repo), name, patch);
  }

  /** Commits one file change to a branch (default: the default branch) and emits `push`. */
  putFile(repo: string, path: string, content: string | null, branch?: string, message?: string): Commit {
    const r = this.repo(repo);
    const [commit] = pushCommits(this.core, this.login, r, branch ?? r.defaultBranch, [
      { message: message ?? `Update ${path}`, files: { [path]: content } },
    ]);
    if (!commit) throw new Error("putFile: no commit made");
    return commit;
  }

  /** Pushes commits to a branch (not a pull request; see `pushCommits` for those). */
  push(repo: string, branch: string, commits: CommitInput[]): Commit[] {
    return pushCommits(this.core, this.login, this.repo(repo), branch, commits);
  }

  /**
   * `git push --force`: the branch is rewritten to `commits` on top of `onto` (any commit of the
   * repository; none: reset to it), its old commits dropped; `push` says `forced: true`. A protected branch refuses it
   * unless force pushes are allowed on it, as on GitHub ("GH006: Protected branch update failed").
   */
  forcePush(repo: string, branch: string, onto: string, commits: CommitInput[] = []): Commit[] {
    const r = this.repo(repo);
    const protection = r.branches.get(branch)?.protection;
    if (protection && !protection.allowForcePushes) throw new Error(`GH006: Protected branch update failed for refs/heads/${branch}: cannot force-push to this branch`);
    if (!r.commits.has(onto)) throw new Error(`no commit ${onto} in ${repo}`);
    return pushCommits(this.core, this.login, r, branch, commits, { onto });
  }
}
