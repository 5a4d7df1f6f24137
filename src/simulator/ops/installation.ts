import type { Core, Installation } from "../core.js";
import { HttpError } from "../errors.js";
import { installationJson, installationRepoJson, installedRepos } from "../json/installation.js";
import { userByLogin } from "../json/user.js";
import type { Repo } from "../types.js";

/** Installation events carry the whole installation, not `repository` or `organization` (as GitHub sends them). */
function emitInstallation(core: Core, event: string, sender: string, fields: Record<string, unknown>, inst: Installation = core.primary): void {
  if (core.hooks.muted > 0 || !core.subscribed(event)) return;
  const { action, ...rest } = fields;
  core.hooks.enqueue(event, { action, installation: installationJson(core, inst), ...rest, requester: null, sender: userByLogin(core, sender) });
}

/**
 * The app is installed on another account (an organisation or a user): a new installation with its
 * own id, tokens (which reach only that account's repositories) and rate limits, on all of the
 * account's repositories or the ones named. Emits its `installation.created`. Returns its id.
 */
export function addInstallation(core: Core, by: string, account: string, repositories?: Repo[]): number {
  const login = core.store.findOrg(account)?.login ?? core.store.user(account).login;
  if (core.installations().some((i) => i.account.toLowerCase() === login.toLowerCase())) throw new HttpError(422, `The app is already installed on ${login}`);
  const foreign = repositories?.find((r) => r.owner.toLowerCase() !== login.toLowerCase());
  if (foreign) throw new HttpError(422, `${foreign.fullName} is not a repository of ${login}`);
  const id = Math.max(...core.installations().map((i) => i.id)) + 1;
  const inst: Installation = {
    id,
    account: login,
    selection: repositories ? "selected" : "all",
    selected: new Set((repositories ?? []).map((r) => r.fullName.toLowerCase())),
    granted: { ...core.app.permissions },
  };
  core.others.set(id, inst);
  emitInstallation(core, "installation", by, { action: "created", repositories: installedRepos(core, inst).map((r) => installationRepoJson(core, r)) }, inst);
  return id;
}

/**
 * Someone installs the app on its account: on all repositories, or on the ones named. Emits
 * `installation.created` listing the repositories it can reach.
 */
export function installApp(core: Core, by: string, repositories?: Repo[]): void {
  core.app.selection = repositories ? "selected" : "all";
  core.app.selected = new Set((repositories ?? []).map((r) => r.fullName.toLowerCase()));
  emitInstallation(core, "installation", by, { action: "created", repositories: installedRepos(core).map((r) => installationRepoJson(core, r)) });
}

/** An owner adds repositories to an installation on selected repositories: `installation_repositories.added`. */
export function addInstallationRepositories(core: Core, by: string, repositories: Repo[]): void {
  // with "all", every repository already belongs to the installation: GitHub offers nothing to add
  if (core.app.selection === "all") throw new HttpError(422, "The installation already has access to all repositories");
  const fresh = repositories.filter((r) => !core.app.selected.has(r.fullName.toLowerCase()));
  for (const r of fresh) core.app.selected.add(r.fullName.toLowerCase());
  emitInstallation(core, "installation_repositories", by, {
    action: "added",
    repository_selection: core.app.selection,
    repositories_added: fresh.map((r) => installationRepoJson(core, r)),
    repositories_removed: [],
  });
}

/** An owner accepts the permissions app.yml asks for: tokens carry them from now on (`installation.new_permissions_accepted`). */
export function acceptNewPermissions(core: Core, by: string): void {
  core.app.granted = { ...core.app.permissions };
  emitInstallation(core, "installation", by, { action: "new_permissions_accepted", repositories: installedRepos(core).map((r) => installationRepoJson(core, r)) });
}
