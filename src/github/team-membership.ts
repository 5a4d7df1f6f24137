import type { MemberList } from "../change/facts.js";
import { teamRef } from "./permissions.js";
import type { Octokit } from "./types.js";
import { statusOf } from "./types.js";

/**
 * Team membership for one evaluation: one `GET .../memberships/{user}` per (team, person) asked,
 * never reused across evaluations, so a member who left the team stops counting at the next one.
 */
export class MembershipReader {
  readonly #cache = new Map<string, Promise<boolean | { unknown: string }>>();
  calls = 0;

  constructor(
    private readonly octokit: Octokit,
    private readonly org: string,
  ) {}

  /** Is `login` an active member (pending invitations are not)? Unknown when the token may not read the team. */
  isActive(team: string, login: string): Promise<boolean | { unknown: string }> {
    const key = `${team}\n${login}`.toLowerCase();
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = this.#read(team, login);
      this.#cache.set(key, hit);
    }
    return hit;
  }

  async #read(team: string, login: string): Promise<boolean | { unknown: string }> {
    const { org, slug } = teamRef(team, this.org);
    this.calls++;
    try {
      const { data } = await this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login });
      return data.state === "active";
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return false;
      if (status === 403 || status === 401) return { unknown: `the app may not read team ${org}/${slug} (HTTP ${status}; it needs the Members: read organisation permission)` };
      throw error;
    }
  }

  /**
   * The members of `team` among `logins`, as the policy's MemberList: the list holds exactly the
   * people asked about who are active members (the policy only looks up people it asked about).
   */
  async members(team: string, logins: string[]): Promise<MemberList> {
    const answers = await Promise.all(logins.map(async (l) => [l, await this.isActive(team, l)] as const));
    const unknown = answers.find(([, a]) => typeof a === "object");
    if (unknown) return { status: "unknown", reason: (unknown[1] as { unknown: string }).unknown };
    return { status: "known", logins: answers.filter(([, a]) => a === true).map(([l]) => l) };
  }
}
