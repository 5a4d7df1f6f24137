import { HttpError } from "../errors.js";
import type { CommitInput } from "../git.js";
import { rerequestCheck } from "../ops/checks.js";
import { checkSuiteJson } from "../json/check-suite.js";
import { mergePull } from "../ops/merge.js";
import { enqueuePull } from "../ops/merge-queue.js";
import { ACTIONS_BOT, addDeploymentStatus, createDeployment, deploymentOf, runDeployJob, type DeploymentInput } from "../ops/deployments.js";
import type { SimDeployment, SimDeploymentStatus } from "../deployment-types.js";
import { editPull, openPull, readyForReview, type Pull, type PullInput, type PullPatch } from "../ops/pulls.js";
import { pushCommits } from "../ops/push.js";
import { dismissReview, editReview, submitReview, type ReviewEvent } from "../ops/reviews.js";
import type { Commit, Review } from "../types.js";
import { IssueActor } from "./issues.js";
import { changeAlert, raiseAlert, type AlertChange, type AlertInput, type AlertKind } from "../ops/alerts.js";

/**
 * Acts on the simulated GitHub as one user, emitting the same webhooks as the REST API would.
 * Repositories are named "owner/name"; issues and pull requests by number.
 * @example sim.as("alice").openIssue("acme/web", { title: "Down", labels: ["ims:incident"] })
 */
export class Actor extends IssueActor {
  protected pullOf(repo: string, number: number): { r: ReturnType<IssueActor["repo"]>; pr: Pull } {
    const r = this.repo(repo);
    return { r, pr: this.core.store.pull(r, number) };
  }

  /** Opens a PR; `commits`/`files` are pushed to `head` first (branched from `base`). */
  openPullRequest(repo: string, input: PullInput): Pull {
    return openPull(this.core, this.login, this.repo(repo), input);
  }

  editPullRequest(repo: string, number: number, patch: PullPatch): Pull {
    const { r, pr } = this.pullOf(repo, number);
    editPull(this.core, this.login, r, pr, patch);
    return pr;
  }

  /** Pushes to the PR's head branch (emits push + synchronize); `force` rewrites it onto the PR's base. */
  pushCommits(repo: string, number: number, commits: CommitInput[], opts: { force?: boolean } = {}): Commit[] {
    const { pr } = this.pullOf(repo, number);
    const headRepo = this.core.store.repoByName(pr.pull.headRepo);
    return pushCommits(this.core, this.login, headRepo, pr.pull.headRef, commits, opts.force ? { onto: pr.pull.baseSha } : {});
  }

  /** GitHub's "Update branch": a merge commit bringing the base branch into the head branch. */
  updateBranch(repo: string, number: number): Commit {
    const { r, pr } = this.pullOf(repo, number);
    const baseHead = r.branches.get(pr.pull.baseRef)?.sha;
    if (!baseHead) throw new HttpError(422, "base branch missing");
    const [commit] = this.pushCommits(repo, number, [{ message: `Merge branch '${pr.pull.baseRef}' into ${pr.pull.headRef}`, mergeParents: [baseHead] }]);
    if (!commit) throw new Error("updateBranch made no commit");
    return commit;
  }

  /** Submits a review at the head (or `commitId`). GitHub refuses self-approval unless `allowSelfApproval`. */
  review(repo: string, number: number, event: ReviewEvent, body = "", opts: { commitId?: string; allowSelfApproval?: boolean } = {}): Review {
    const { r, pr } = this.pullOf(repo, number);
    return submitReview(this.core, this.login, r, pr, event, body, opts);
  }

  editReview(repo: string, number: number, reviewId: number, body: string): Review {
    const { r, pr } = this.pullOf(repo, number);
    return editReview(this.core, this.login, r, pr, reviewId, body);
  }

  dismissReview(repo: string, number: number, reviewId: number, message: string): Review {
    const { r, pr } = this.pullOf(repo, number);
    return dismissReview(this.core, this.login, r, pr, reviewId, message);
  }

  readyForReview(repo: string, number: number): void {
    const { r, pr } = this.pullOf(repo, number);
    readyForReview(this.core, this.login, r, pr);
  }

  /** Merges (405 when a required check is not green, like GitHub); returns the merge commit sha. */
  merge(repo: string, number: number, opts: { sha?: string; title?: string; method?: "merge" | "squash" | "rebase" } = {}): string {
    const { r, pr } = this.pullOf(repo, number);
    return mergePull(this.core, this.login, r, pr, opts);
  }

  /**
   * Adds the PR to its base's merge queue (its required checks must pass); GitHub builds the group and
   * sends `merge_group.checks_requested`. `extraFiles` and `alsoMerge` (another pull request merged
   * into the group too) model a group commit carrying what the queue did not put there.
   */
  enqueue(repo: string, number: number, opts: { extraFiles?: Record<string, string>; alsoMerge?: number } = {}): void {
    const { r, pr } = this.pullOf(repo, number);
    enqueuePull(this.core, this.login, r, pr, opts);
  }

  /** Presses "Re-run all checks" on the app's check suite of a commit: emits `check_suite.rerequested`. */
  rerequestCheckSuite(repo: string, sha: string): void {
    const r = this.repo(repo);
    const suite = checkSuiteJson(this.core, r, this.core.store.resolveRef(r, sha));
    if (suite.status !== "completed") throw new HttpError(422, "This check suite is not rerequestable");
    this.core.emitRepo("check_suite", r, this.login, { action: "rerequested", check_suite: suite });
  }

  /** Presses "Re-run" on a completed check run. */
  rerequestCheck(checkRunId: number): void {
    const run = this.core.store.checkRuns.get(checkRunId);
    if (!run) throw new HttpError(404, "Not Found");
    rerequestCheck(this.core, this.login, run);
  }

  /** GitHub raises a security alert (Dependabot, code scanning, secret scanning): `created`. */
  raiseAlert(repo: string, kind: AlertKind, input: AlertInput = {}): Record<string, unknown> {
    return raiseAlert(this.core, this.repo(repo), kind, input, this.login);
  }

  /** Fixes, dismisses, resolves, reopens, leaks or validates an alert, with GitHub's webhook action. */
  changeAlert(repo: string, kind: AlertKind, number: number, change: AlertChange): Record<string, unknown> {
    return changeAlert(this.core, this.repo(repo), kind, number, change, this.login);
  }

  /** Sends `repository_dispatch` (what a scheduled Actions workflow would do). */
  dispatch(repo: string, eventType: string, clientPayload: Record<string, unknown> = {}): void {
    const r = this.repo(repo);
    this.core.emitRepo("repository_dispatch", r, this.login, { action: eventType, branch: r.defaultBranch, client_payload: clientPayload });
  }

  /**
   * Runs a workflow job that deploys `ref` to `environment` (this user triggered the workflow): GitHub
   * creates the deployment and, when the environment has custom protection rules, holds the job and
   * sends `deployment_protection_rule.requested`; the job starts (`in_progress`) once every rule approved.
   */
  runDeployJob(repo: string, input: { environment: string; ref: string; event?: string }): { runId: number; deployment: SimDeployment } {
    return runDeployJob(this.core, this.login, this.repo(repo), input);
  }

  /** The job of a deployment ends (`success` or `failure`): Actions writes the deployment's final status. */
  finishDeployJob(repo: string, deploymentId: number, state: "success" | "failure" | "error"): SimDeploymentStatus {
    const r = this.repo(repo);
    return addDeploymentStatus(this.core, ACTIONS_BOT, r, deploymentOf(this.core, r, deploymentId), { state });
  }

  /** `POST /deployments` by this user (outside Actions: no protection rules hold it). */
  createDeployment(repo: string, input: DeploymentInput): SimDeployment {
    return createDeployment(this.core, this.login, this.repo(repo), input);
  }

  /** `POST /deployments/{id}/statuses` by this user. */
  deploymentStatus(repo: string, deploymentId: number, state: string, description = ""): SimDeploymentStatus {
    const r = this.repo(repo);
    return addDeploymentStatus(this.core, this.login, r, deploymentOf(this.core, r, deploymentId), { state, description });
  }
}
