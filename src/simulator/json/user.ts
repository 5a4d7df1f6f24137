import type { Core } from "../core.js";
import type { Org, Team, User } from "../types.js";

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString("base64");
}

/** A user as GitHub embeds it everywhere (`simple-user`). */
export function userJson(core: Core, user: User): Record<string, unknown> {
  // GitHub percent-encodes bot logins in URLs: `/users/dependabot%5Bbot%5D`.
  const api = `${core.urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "Bot" : "User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${core.urls.html}/${user.type === "Bot" ? `apps/${user.login.replace("[bot]", "")}` : user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function userByLogin(core: Core, login: string): Record<string, unknown> {
  return userJson(core, core.store.ensureUser(login));
}

export function orgJson(core: Core, org: Org): Record<string, unknown> {
  const api = `${core.urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
  };
}

export function teamJson(core: Core, team: Team): Record<string, unknown> {
  const api = `${core.urls.api}/organizations/${core.store.org(team.org).id}/team/${team.id}`;
  return {
    name: team.name,
    id: team.id,
    node_id: nodeId("Team", team.id),
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    url: api,
    html_url: `${core.urls.html}/orgs/${team.org}/teams/${team.slug}`,
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    permission: "pull",
    parent: null,
  };
}

export function appJson(core: Core): Record<string, unknown> {
  const { app } = core;
  const owner = core.store.findOrg(app.owner);
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("App", app.id),
    client_id: `Iv1.sim${app.id}`,
    owner: { ...userByLogin(core, app.owner || app.botLogin), type: owner ? "Organization" : "User" },
    name: app.name,
    description: "ims-bot (simulated)",
    external_url: core.urls.html,
    html_url: `${core.urls.html}/apps/${app.slug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: app.permissions,
    // GitHub's webhook description of an app's `events` is an enum that predates `dependabot_alert`:
    // left out here so the payloads stay valid against it (the installation's own list keeps it)
    events: app.events.filter((e) => !EVENTS_NOT_IN_APP_ENUM.has(e)),
  };
}

/** Events an app may subscribe that the webhook description's `performed_via_github_app.events` enum does not list. */
const EVENTS_NOT_IN_APP_ENUM: ReadonlySet<string> = new Set(["dependabot_alert"]);
