import { teamRef } from "./permissions.js";
import type { Octokit } from "./types.js";
import { statusOf } from "./types.js";

/** Named limit: teams looked up per repository (a config naming more is shown the first ones). */
export const TEAMS_CHECKED_MAX = 20;

/**
 * The teams of `teams` (`slug` or `org/slug`) that do not exist, as `org/slug`: one
 * `GET /orgs/{org}/teams/{slug}` each (conditional under the ETag cache, so a 304 is free). A team the
 * app may not read (403) is not called missing: the app cannot know.
 */
export async function missingTeams(octokit: Octokit, org: string, teams: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const team of teams.slice(0, TEAMS_CHECKED_MAX)) {
    const { org: o, slug } = teamRef(team, org);
    try {
      await octokit.rest.teams.getByName({ org: o, team_slug: slug });
    } catch (error) {
      if (statusOf(error) === 404) missing.push(`${o}/${slug}`);
      else if (statusOf(error) !== 403) throw error;
    }
  }
  return missing;
}
