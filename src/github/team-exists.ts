import { teamRef } from "./permissions.js";
import type { Octokit } from "./types.js";
import { statusOf } from "./types.js";

/** Does a configured team exist? null when the app may not tell (403: no Members permission there). One call. */
export async function teamExists(octokit: Octokit, team: string, defaultOrg: string): Promise<boolean | null> {
  const { org, slug } = teamRef(team, defaultOrg);
  try {
    await octokit.rest.teams.getByName({ org, team_slug: slug });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return false;
    if (status === 403 || status === 401) return null;
    throw error;
  }
}
