import type { Core, Installation } from "../core.js";
import type { Repo } from "../types.js";
import { nodeId, userByLogin } from "./user.js";

/** The repositories an installation (default: the primary) can reach: every one of its account with "all", else the ones chosen. */
export function installedRepos(core: Core, inst: Installation = core.primary): Repo[] {
  return [...core.store.repos.values()].filter((r) => core.reaches(inst, r)).sort((a, b) => a.id - b.id);
}

/** A repository as installation webhooks list it (GitHub's `webhooks_repositories` item). */
export function installationRepoJson(core: Core, repo: Repo): Record<string, unknown> {
  return { id: repo.id, node_id: nodeId("Repository", repo.id), name: repo.name, full_name: repo.fullName, private: repo.private };
}

export function installationJson(core: Core, inst: Installation = core.primary): Record<string, unknown> {
  const { app } = core;
  const ownerLogin = inst.account || ([...core.store.orgs.values()][0]?.login ?? app.botLogin);
  const org = core.store.findOrg(ownerLogin);
  // GitHub describes the installation's account as a simple user, an organisation included.
  const account = org ? { ...userByLogin(core, org.login), id: org.id, node_id: nodeId("Organization", org.id), type: "Organization" } : userByLogin(core, ownerLogin);
  return {
    id: inst.id,
    account,
    repository_selection: inst.selection,
    access_tokens_url: `${core.urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${core.urls.api}/installation/repositories`,
    html_url: `${core.urls.html}/settings/installations/${inst.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: org ? "Organization" : "User",
    permissions: inst.granted,
    events: app.events,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

