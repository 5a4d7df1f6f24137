import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";
import { isBot } from "./bot-identity.js";

/** Repository roles from weakest to strongest. */
export const ROLES = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Does `role` reach at least `min`? Example: atLeast("maintain", "triage") === true. */
export function atLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** A person's role on a repository (`role_name` distinguishes triage and maintain); none when not a collaborator. */
export async function repoRole(octokit: Octokit, r: RepoRef, username: string): Promise<Role> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
    const role = (data.role_name ?? data.permission) as string;
    return (ROLES as readonly string[]).includes(role) ? (role as Role) : data.permission === "none" ? "none" : "read";
  } catch (error) {
    if (statusOf(error) === 404) return "none";
    throw error;
  }
}

/** The team slug and org of a configured team: `security` (the repository's org) or `org/security`. */
export function teamRef(team: string, defaultOrg: string): { org: string; slug: string } {
  const [a, b] = team.split("/");
  return b ? { org: a!, slug: b } : { org: defaultOrg, slug: a! };
}

/** Is the user an *active* member of the team? Pending invitations and former members are not. */
export async function isActiveTeamMember(octokit: Octokit, team: string, defaultOrg: string, username: string): Promise<boolean> {
  const { org, slug } = teamRef(team, defaultOrg);
  try {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username });
    return data.state === "active";
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/**
 * Why `sender` may not make a decision reserved for `team` (a security assessment, a lowered risk),
 * or null when they may: bots never may; an active member may; when the team cannot be read the
 * answer is "may not" (fail closed), saying which permission the app lacks.
 */
export async function whyNotTeamDecision(octokit: Octokit, team: string, defaultOrg: string, sender: { login: string; type?: string }, botReason: string): Promise<string | null> {
  if (isBot(sender)) return botReason;
  try {
    return (await isActiveTeamMember(octokit, team, defaultOrg, sender.login)) ? null : `@${sender.login} is not an active member of \`${team}\``;
  } catch (error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 401) throw error;
    return `ims-bot may not read the members of \`${team}\` (HTTP ${status}; the app needs the organisation permission Members: read)`;
  }
}
