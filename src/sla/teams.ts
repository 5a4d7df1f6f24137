import type { z } from "zod";
import type { EscalationSchema } from "../config/schema.js";

/** The `escalation` section of the config. */
export type EscalationConfig = z.infer<typeof EscalationSchema>;

/**
 * The team a level escalates to: `resolver` is the affected service's resolver team (exact name, then
 * ignoring case), else `resolvers.default`; any other value is the team itself.
 */
export function resolveTeam(team: string, service: string | null, resolvers: EscalationConfig["resolvers"]): string {
  if (team !== "resolver") return team;
  if (service) {
    const key = service.trim();
    const exact = resolvers.services[key];
    if (exact) return exact;
    const lower = key.toLowerCase();
    for (const [name, slug] of Object.entries(resolvers.services)) if (name.toLowerCase() === lower) return slug;
  }
  return resolvers.default;
}

/** How a team is written in a comment: `@org/team` mentions it; without an org it is named, not mentioned. */
export function teamMention(team: string, org: string | null): string {
  if (team.includes("/")) return `@${team}`;
  return org ? `@${org}/${team}` : `\`${team}\``;
}
