import { atLeast, isActiveTeamMember, repoRole } from "../github/permissions.js";
import { statusOf } from "../github/types.js";
import type { CommandContext, Command } from "./types.js";
import { describeAudience } from "./types.js";

/** Null when the actor may give the command, else a polite refusal that says who may. */
export async function refusal(cmd: Command, c: CommandContext): Promise<string | null> {
  const a = cmd.audience;
  const octokit = c.context.octokit;
  if (a.kind === "anyone") return null;
  if (a.kind === "permission") {
    const role = await repoRole(octokit, { owner: c.owner, repo: c.repo }, c.actor);
    if (atLeast(role, a.level)) return null;
    return `Sorry @${c.actor}, \`${cmd.usage}\` is for ${describeAudience(a, c.config)} on this repository (you have ${role === "none" ? "no" : role} permission). Nothing was changed.`;
  }
  const team = a.team(c.config);
  let member: boolean;
  try {
    member = await isActiveTeamMember(octokit, team, c.owner, c.actor);
  } catch (error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 401) throw error;
    // fail closed, and say what to fix rather than leave the command unanswered
    return `Sorry @${c.actor}, \`${cmd.usage}\` is for ${describeAudience(a, c.config)}, and ims-bot may not read that team's members (HTTP ${status}): the app needs the organisation permission Members: read, and the team must be in an organisation where it is installed. Nothing was changed.`;
  }
  if (member) return null;
  return `Sorry @${c.actor}, \`${cmd.usage}\` is for ${describeAudience(a, c.config)} (you are not an active member). Nothing was changed.`;
}
