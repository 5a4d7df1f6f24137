import type { Core } from "../core.js";
import type { CommitInput } from "../git.js";
import { createComment, deleteComment, editComment } from "../ops/comments.js";
import {
  addAssignees,
  addLabels,
  closeIssue,
  createIssue,
  editIssue,
  removeAssignees,
  removeLabel,
  reopenIssue,
  type IssueInput,
  type IssuePatch,
} from "../ops/issues.js";
import { createLabel, type LabelInput } from "../ops/labels.js";
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

  openIssue(repo: string, input: IssueInput): Issue {
    return createIssue(this.core, this.login, this.repo(repo), input);
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

  reopen(repo: string, number: number): void {
    const { repo: r, issue } = this.issueOf(repo, number);
    reopenIssue(this.core, this.login, r, issue);
  }

  createLabel(repo: string, label: LabelInput): Label {
    return createLabel(this.core, this.login, this.repo(repo), label);
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
}
