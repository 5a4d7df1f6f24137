import { createHash } from "node:crypto";
import { HttpError, MovedIssue, notFound } from "./errors.js";
import type { SimDeployment, SimDeploymentGate, SimEnvironment } from "./deployment-types.js";
import type { CheckRun, Comment, Issue, Org, Repo, Team, User, UserType } from "./types.js";

/** All simulated GitHub data, in plain maps. Ids and shas are deterministic. */
export class Store {
  readonly users = new Map<string, User>();
  readonly orgs = new Map<string, Org>();
  readonly teams = new Map<string, Team>();
  readonly repos = new Map<string, Repo>();
  readonly comments = new Map<number, Comment>();
  readonly checkRuns = new Map<number, CheckRun>();
  /** Deployments of every repository by id (GitHub deployment ids are global). */
  readonly deployments = new Map<number, SimDeployment>();
  /** Environments by `owner/name:environment` (lower case). */
  readonly environments = new Map<string, SimEnvironment>();
  /** Jobs waiting on custom deployment protection rules, by workflow run id. */
  readonly deploymentGates = new Map<number, SimDeploymentGate>();
  /** Security alerts by `owner/name` (lower case) and kind: each alert as GitHub's REST API renders it. */
  readonly alerts = new Map<string, Array<Record<string, unknown>>>();
  #nextId = 1000;
  #shaSeq = 0;
  // On GitHub a sha names one content everywhere; two simulators in one process must not hand out the
  // same sha for different commits (an app's per-commit caches, keyed by sha, would then mix them up).
  static #instances = 0;
  readonly #instance = ++Store.#instances;

  id(): number {
    return ++this.#nextId;
  }

  sha(seed: string): string {
    return createHash("sha1").update(`${this.#instance}:${++this.#shaSeq}:${seed}`).digest("hex");
  }

  ensureUser(login: string, type: UserType = login.endsWith("[bot]") ? "Bot" : "User"): User {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      const id = this.id();
      // an app's bot commits as "{id}+{slug}[bot]@users.noreply.github.com", as GitHub writes it
      user = { login, id, type, name: login, email: type === "Bot" ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com` };
      this.users.set(key, user);
    }
    return user;
  }

  user(login: string): User {
    const user = this.users.get(login.toLowerCase());
    if (!user) throw notFound();
    return user;
  }

  findUser(login: string): User | undefined {
    return this.users.get(login.toLowerCase());
  }

  org(login: string): Org {
    const org = this.orgs.get(login.toLowerCase());
    if (!org) throw notFound();
    return org;
  }

  findOrg(login: string): Org | undefined {
    return this.orgs.get(login.toLowerCase());
  }

  team(org: string, slug: string): Team {
    const team = this.teams.get(`${org}/${slug}`.toLowerCase());
    if (!team) throw notFound();
    return team;
  }

  repo(owner: string, name: string): Repo {
    const repo = this.repos.get(`${owner}/${name}`.toLowerCase());
    if (!repo) throw notFound();
    return repo;
  }

  repoByName(fullName: string): Repo {
    const [owner = "", name = ""] = fullName.split("/");
    return this.repo(owner, name);
  }

  issue(repo: Repo, number: number): Issue {
    const issue = repo.issues.get(number);
    if (!issue) {
      const moved = repo.movedIssues?.get(number);
      if (moved) throw new MovedIssue({ repo: repo.fullName, number }, moved);
      throw repo.deletedIssues?.has(number) ? new HttpError(410, "This issue was deleted") : notFound();
    }
    return issue;
  }

  pull(repo: Repo, number: number): Issue & { pull: NonNullable<Issue["pull"]> } {
    const issue = repo.issues.get(number);
    if (!issue?.pull) throw notFound();
    return issue as Issue & { pull: NonNullable<Issue["pull"]> };
  }

  comment(repo: Repo, id: number): Comment {
    const comment = this.comments.get(id);
    if (!comment || comment.repo !== repo.fullName) throw notFound();
    return comment;
  }

  checkRun(repo: Repo, id: number): CheckRun {
    const run = this.checkRuns.get(id);
    if (!run || run.repo !== repo.fullName) throw notFound();
    return run;
  }

  /** Resolves a branch name or commit sha to a commit sha. */
  resolveRef(repo: Repo, ref: string): string {
    const short = ref.replace(/^refs\/heads\//, "").replace(/^heads\//, "");
    const branch = repo.branches.get(short);
    if (branch) return branch.sha;
    if (repo.commits.has(ref)) return ref;
    for (const sha of repo.commits.keys()) if (ref.length >= 7 && sha.startsWith(ref)) return sha;
    throw new HttpError(422, `No commit found for SHA: ${ref}`);
  }

  isOrgMember(org: string, login: string): boolean {
    return this.findOrg(org)?.members.has(login.toLowerCase()) ?? false;
  }
}
