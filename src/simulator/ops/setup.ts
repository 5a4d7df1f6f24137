import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { makeCommit } from "../git.js";
import type { Permission, Repo } from "../types.js";

export interface RepoInput {
  owner: string;
  name: string;
  private?: boolean;
  defaultBranch?: string;
  description?: string;
  /** Files of the initial commit on the default branch. */
  files?: Record<string, string>;
  /** Whether the app may read branch protection (administration permission). Default false, as for ims-bot. */
  appAdministration?: boolean;
  /** Full name of the repository this one is a fork of. */
  forkOf?: string;
  /** Archived (read-only). */
  archived?: boolean;
}

export function createOrg(core: Core, login: string, members: string[] = []): void {
  if (core.store.findOrg(login)) throw new HttpError(422, `Organization ${login} already exists`);
  const user = core.store.ensureUser(login, "Organization");
  core.store.orgs.set(login.toLowerCase(), { login, id: user.id, members: new Set(members.map((m) => m.toLowerCase())) });
  for (const m of members) core.store.ensureUser(m);
  if (!core.app.owner) core.app.owner = login;
}

/** Creates a repository with one initial commit; the owner is admin, as on GitHub. */
export function createRepo(core: Core, input: RepoInput): Repo {
  const fullName = `${input.owner}/${input.name}`;
  if (core.store.repos.has(fullName.toLowerCase())) throw new HttpError(422, `Repository ${fullName} already exists`);
  if (!core.store.findOrg(input.owner)) core.store.ensureUser(input.owner);
  const now = core.now();
  const defaultBranch = input.defaultBranch ?? "main";
  const repo: Repo = {
    id: core.store.id(),
    owner: input.owner,
    name: input.name,
    fullName,
    private: input.private ?? false,
    description: input.description ?? null,
    defaultBranch,
    forkOf: input.forkOf ?? null,
    archived: input.archived ?? false,
    collaborators: new Map(),
    branches: new Map(),
    commits: new Map(),
    labels: new Map(),
    issues: new Map(),
    nextNumber: 1,
    openIssues: 0,
    rulesets: [],
    appAdministration: input.appAdministration ?? false,
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    activity: [],
  };
  if (!core.store.findOrg(input.owner)) repo.collaborators.set(input.owner.toLowerCase(), "admin");
  const files = input.files ?? { "README.md": `# ${input.name}\n` };
  const commit = makeCommit(core, repo, null, input.owner, { message: "Initial commit", files });
  repo.branches.set(defaultBranch, { name: defaultBranch, sha: commit.sha });
  core.store.repos.set(fullName.toLowerCase(), repo);
  return repo;
}

export function setPermission(core: Core, repo: Repo, login: string, permission: Permission | null): void {
  core.store.ensureUser(login);
  if (permission === null) repo.collaborators.delete(login.toLowerCase());
  else repo.collaborators.set(login.toLowerCase(), permission);
}

/** A fork shares the source's history; its own pushes are not delivered (the app is not installed there). */
export function forkRepo(core: Core, source: Repo, owner: string): Repo {
  const fork = createRepo(core, { owner, name: source.name, private: source.private, defaultBranch: source.defaultBranch, forkOf: source.fullName });
  fork.commits.clear();
  for (const [sha, commit] of source.commits) fork.commits.set(sha, commit);
  fork.branches.clear();
  for (const [name, branch] of source.branches) fork.branches.set(name, { name, sha: branch.sha });
  return fork;
}
