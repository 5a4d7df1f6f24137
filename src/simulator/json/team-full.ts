import type { Core } from "../core.js";
import type { Team } from "../types.js";
import { orgJson, teamJson } from "./user.js";

/** The simulator keeps no creation dates for organisations and teams; GitHub always sends them. */
const UNDATED = "2020-01-01T00:00:00Z";

/**
 * `GET /orgs/{org}/teams/{team_slug}` as GitHub answers it (the `team-full` schema): the team with its
 * counts, `type`, dates, and the organisation in its `team-organization` form.
 */
export function teamFullJson(core: Core, team: Team): Record<string, unknown> {
  const active = [...team.members.values()].filter((m) => m.state === "active").length;
  const org = core.store.org(team.org);
  const repos = [...core.store.repos.values()].filter((r) => r.owner.toLowerCase() === org.login.toLowerCase() && !r.private).length;
  return {
    ...teamJson(core, team),
    members_count: active,
    repos_count: 0,
    type: "organization",
    created_at: UNDATED,
    updated_at: UNDATED,
    organization: {
      ...orgJson(core, org),
      html_url: `${core.urls.html}/${org.login}`,
      has_organization_projects: true,
      has_repository_projects: true,
      public_repos: repos,
      public_gists: 0,
      followers: 0,
      following: 0,
      type: "Organization",
      created_at: UNDATED,
      updated_at: UNDATED,
      archived_at: null,
    },
  };
}
