import { SimulatorBase } from "./base.js";
import { acceptNewPermissions, addInstallation, addInstallationRepositories, installApp } from "./ops/installation.js";
import { addRuleset, protectBranch, unprotectBranch } from "./ops/protection.js";
import type { Pull } from "./ops/pulls.js";
import { createOrg, createRepo, forkRepo, setPermission, type RepoInput } from "./ops/setup.js";
import { addTeamMember, createTeam, removeTeamMember, type TeamInput } from "./ops/teams.js";
import { Actor } from "./script/actor.js";
import { ensureEnvironment } from "./ops/deployments.js";
import type { SimDeployment, SimDeploymentGate } from "./deployment-types.js";
import type { CheckRun, Comment, Issue, Permission, Ruleset, TeamMember } from "./types.js";

/** The in-memory GitHub: setup helpers, scripted users and reads for assertions. */
export class Simulator extends SimulatorBase {
  /** Login used as `sender` of setup changes (team memberships). */
  adminLogin = "org-admin";

  as(login: string): Actor {
    return new Actor(this.core, login);
  }

  // --- setup ---


  createOrg(login: string, opts: { members?: string[] } = {}): void {
    createOrg(this.core, login, opts.members);
  }

  /** Creates a repository and returns its full name ("owner/name"). */
  createRepo(input: RepoInput): string {
    return createRepo(this.core, input).fullName;
  }

  /** Adds a verified e-mail to an account (a work address): GitHub then links commits under it to the account. */
  linkEmail(login: string, email: string): void {
    const user = this.core.store.ensureUser(login);
    user.emails = [...(user.emails ?? []), email];
  }

  setPermission(repo: string, login: string, permission: Permission | null): void {
    setPermission(this.core, this.core.store.repoByName(repo), login, permission);
  }

  /** Whether the app's token may read branch protection of this repository (403 otherwise). */
  setAppAdministration(repo: string, allowed: boolean): void {
    this.core.store.repoByName(repo).appAdministration = allowed;
  }

  /**
   * The permissions the installation has accepted (default: all of app.yml's). GitHub keeps an
   * installation on its old permissions until an owner accepts new ones; calls past them are 403.
   */
  setGrantedPermissions(permissions: Record<string, "read" | "write">): void {
    this.core.app.granted = { ...permissions };
  }

  /** The owner accepts the permissions app.yml asks for (`installation.new_permissions_accepted`). */
  acceptNewPermissions(by = this.adminLogin): void {
    acceptNewPermissions(this.core, by);
  }

  /**
   * Someone installs the app (`installation.created`): on all of the account's repositories, or on
   * the ones named. A simulator starts installed on all; this sends the event a new install sends.
   */
  installApp(opts: { by?: string; repositories?: string[] } = {}): void {
    installApp(this.core, opts.by ?? this.adminLogin, opts.repositories?.map((r) => this.core.store.repoByName(r)));
  }

  /**
   * The app is installed on another account too (`installation.created`), on all its repositories or
   * the ones named: a second installation with its own id, tokens scoped to that account and its own
   * primary and secondary rate limits. Returns the installation id.
   * @example const b = sim.addInstallation("globex", ["globex/shop"]); const token = sim.installationToken(b);
   */
  addInstallation(account: string, repositories?: string[], by = this.adminLogin): number {
    return addInstallation(this.core, by, account, repositories?.map((r) => this.core.store.repoByName(r)));
  }

  /**
   * An admin archives a repository: from now on it is read-only (writes answer 403 "Repository was
   * archived so is read-only.", see archived.ts). GitHub sends `repository.archived`, to apps that
   * subscribe to `repository` events only (ims-bot does not).
   */
  archiveRepo(repository: string, by = this.adminLogin): void {
    const repo = this.core.store.repoByName(repository);
    repo.archived = true;
    this.core.emitRepo("repository", repo, by, { action: "archived" });
  }

  /** The owner adds repositories to an installation on selected ones (`installation_repositories.added`). */
  addInstallationRepositories(repositories: string[], by = this.adminLogin): void {
    addInstallationRepositories(this.core, by, repositories.map((r) => this.core.store.repoByName(r)));
  }

  userToken(login: string): string {
    this.core.store.ensureUser(login);
    return this.tokens.forUser(login);
  }

  /** A token of an installation (default: the simulator's own), as `POST /app/installations/{id}/access_tokens` gives. */
  installationToken(installationId = this.installationId): string {
    if (!this.core.installationById(installationId)) throw new Error(`installationToken: no installation ${installationId}`);
    return this.tokens.issueInstallation(installationId);
  }

  /** Forks `repo` into `owner`'s account (same history; the app is not installed there). */
  forkRepo(repo: string, owner: string): string {
    return forkRepo(this.core, this.core.store.repoByName(repo), owner).fullName;
  }

  createTeam(org: string, input: TeamInput): void {
    createTeam(this.core, this.adminLogin, org, input);
  }

  /** Adds a member (default active member); emits `membership.added` when active. */
  addTeamMember(org: string, slug: string, login: string, opts: Partial<TeamMember> = {}): void {
    addTeamMember(this.core, this.adminLogin, org, slug, login, opts);
  }

  removeTeamMember(org: string, slug: string, login: string): void {
    removeTeamMember(this.core, this.adminLogin, org, slug, login);
  }

  /** Classic branch protection requiring these status check contexts. */
  protectBranch(repo: string, branch: string, requiredChecks: string[], opts: { strict?: boolean; allowForcePushes?: boolean } = {}): void {
    protectBranch(this.core.store.repoByName(repo), branch, requiredChecks, opts);
  }

  unprotectBranch(repo: string, branch: string): void {
    unprotectBranch(this.core.store.repoByName(repo), branch);
  }

  /** A repository ruleset; `include` takes "~DEFAULT_BRANCH", "~ALL" or "refs/heads/<name or glob>". */
  addRuleset(repo: string, input: Omit<Ruleset, "id" | "enforcement"> & { enforcement?: Ruleset["enforcement"] }): Ruleset {
    return addRuleset(this.core, this.core.store.repoByName(repo), input);
  }

  /** Someone presses "Re-run" on a completed check run: emits `check_run.rerequested`. */
  rerequestCheck(checkRunId: number, by = this.adminLogin): void {
    this.as(by).rerequestCheck(checkRunId);
  }

  /** Enables an app (default: this one) as a custom deployment protection rule of an environment (created if new). */
  enableDeploymentRule(repo: string, environment: string, appId = this.core.app.id): void {
    const env = ensureEnvironment(this.core, this.core.store.repoByName(repo), environment);
    if (!env.protectionApps.includes(appId)) env.protectionApps.push(appId);
  }

  /** A completed check run written by another GitHub App (`appId`), e.g. one that copies this app's check name. */
  otherAppCheckRun(repo: string, sha: string, input: { name: string; conclusion: string; appId: number }): CheckRun {
    const r = this.core.store.repoByName(repo);
    const run: CheckRun = { id: this.core.store.id(), repo: r.fullName, name: input.name, headSha: this.core.store.resolveRef(r, sha), status: "completed", conclusion: input.conclusion, startedAt: this.core.now(), completedAt: this.core.now(), output: { title: input.name, summary: "", text: null }, externalId: null, detailsUrl: null, appId: input.appId };
    this.core.store.checkRuns.set(run.id, run);
    return run;
  }

  // --- reads for assertions ---

  /** Deployments of a repository, oldest first. */
  deployments(repo: string): SimDeployment[] {
    const r = this.core.store.repoByName(repo);
    return [...this.core.store.deployments.values()].filter((d) => d.repo === r.fullName);
  }

  /** What the protection rules answered for a waiting job (its workflow run id). */
  deploymentGate(runId: number): SimDeploymentGate | undefined {
    return this.core.store.deploymentGates.get(runId);
  }

  issue(repo: string, number: number): Issue {
    return this.core.store.issue(this.core.store.repoByName(repo), number);
  }

  labels(repo: string, number?: number): string[] {
    const r = this.core.store.repoByName(repo);
    return number === undefined ? [...r.labels.values()].map((l) => l.name) : [...this.issue(repo, number).labels];
  }

  comments(repo: string, number: number): Comment[] {
    return this.issue(repo, number).comments.flatMap((id) => this.core.store.comments.get(id) ?? []);
  }

  pull(repo: string, number: number): Pull {
    return this.core.store.pull(this.core.store.repoByName(repo), number);
  }

  /** Check runs of a repository, optionally on one commit, oldest first. */
  checkRuns(repo: string, sha?: string): CheckRun[] {
    const r = this.core.store.repoByName(repo);
    return [...this.core.store.checkRuns.values()].filter((c) => c.repo === r.fullName && (!sha || c.headSha === sha));
  }
}
