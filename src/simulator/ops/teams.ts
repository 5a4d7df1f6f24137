import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { teamJson, userByLogin } from "../json/user.js";
import type { Team, TeamMember } from "../types.js";

export interface TeamInput {
  slug: string;
  name?: string;
  description?: string;
  members?: string[];
  maintainers?: string[];
  /** Invited but not yet accepted: membership API answers `state: "pending"`. */
  pending?: string[];
}

export function createTeam(core: Core, actor: string, org: string, input: TeamInput): Team {
  const orgRec = core.store.org(org);
  const key = `${orgRec.login}/${input.slug}`.toLowerCase();
  if (core.store.teams.has(key)) throw new HttpError(422, `Team ${input.slug} already exists`);
  const team: Team = { id: core.store.id(), org: orgRec.login, slug: input.slug, name: input.name ?? input.slug, description: input.description ?? "", privacy: "closed", members: new Map() };
  core.store.teams.set(key, team);
  core.emitOrg("team", org, actor, { action: "created", team: teamJson(core, team) });
  for (const login of input.members ?? []) addTeamMember(core, actor, org, input.slug, login);
  for (const login of input.maintainers ?? []) addTeamMember(core, actor, org, input.slug, login, { role: "maintainer" });
  for (const login of input.pending ?? []) addTeamMember(core, actor, org, input.slug, login, { state: "pending" });
  return team;
}

/** Adds or updates a membership; an active addition emits `membership.added` like GitHub. */
export function addTeamMember(core: Core, actor: string, org: string, slug: string, login: string, opts: Partial<TeamMember> = {}): void {
  const team = core.store.team(org, slug);
  const user = core.store.ensureUser(login);
  const before = team.members.get(user.login.toLowerCase());
  const member: TeamMember = { state: opts.state ?? "active", role: opts.role ?? before?.role ?? "member" };
  team.members.set(user.login.toLowerCase(), member);
  if (member.state === "active") core.store.org(org).members.add(user.login.toLowerCase());
  if (member.state === "active" && before?.state !== "active") {
    core.emitOrg("membership", org, actor, { action: "added", scope: "team", member: userByLogin(core, user.login), team: teamJson(core, team) });
  }
}

export function removeTeamMember(core: Core, actor: string, org: string, slug: string, login: string): void {
  const team = core.store.team(org, slug);
  const before = team.members.get(login.toLowerCase());
  if (!before) return;
  team.members.delete(login.toLowerCase());
  if (before.state === "active") {
    core.emitOrg("membership", org, actor, { action: "removed", scope: "team", member: userByLogin(core, login), team: teamJson(core, team) });
  }
}
