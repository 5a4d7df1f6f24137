import { counting } from "./call-counter.js";
import { teamRef } from "./permissions.js";
import type { Octokit, RepoRef } from "./types.js";

/** Named limit: GitHub assigns at most 10 people to an issue. */
export const GITHUB_MAX_ASSIGNEES = 10;

/** Assigns the active members of teams (GitHub assigns people, not teams). Returns the calls made. */
export async function assignTeams(octokit: Octokit, r: RepoRef, issue: number, teams: string[], current: string[]): Promise<number> {
  const { calls } = await counting(octokit, async () => {
    const people: string[] = [];
    for (const team of teams) {
      const { org, slug } = teamRef(team, r.owner);
      const { data } = await octokit.rest.teams.listMembersInOrg({ org, team_slug: slug, per_page: GITHUB_MAX_ASSIGNEES });
      for (const m of data) if (!people.includes(m.login)) people.push(m.login);
    }
    const missing = people.filter((p) => !current.some((c) => c.toLowerCase() === p.toLowerCase())).slice(0, Math.max(0, GITHUB_MAX_ASSIGNEES - current.length));
    if (missing.length > 0) await octokit.rest.issues.addAssignees({ ...r, issue_number: issue, assignees: missing });
  });
  return calls;
}
