import type { ImsConfig } from "../config/schema.js";

/** A team the config names, and which setting names it. */
export interface NamedTeam {
  team: string;
  settings: string[];
}

/** Every team slug the config names (escalation's `resolver` is a placeholder, not a team), in setting order. */
export function namedTeams(config: ImsConfig): NamedTeam[] {
  const named: Array<[string, string | null]> = [
    ["security.team", config.security.team],
    ["major.team", config.major.team],
    ["escalation.resolvers.default", config.escalation.resolvers.default],
    ...Object.entries(config.escalation.resolvers.services).map(([s, t]): [string, string] => [`escalation.resolvers.services.${s}`, t]),
    ...Object.entries(config.services ?? {}).flatMap(([s, v]): Array<[string, string]> => [[`services.${s}.owner`, v.owner], [`services.${s}.resolver`, v.resolver]]),
    ...config.escalation.levels.map((l, i): [string, string | null] => [`escalation.levels[${i}].team`, l.team === "resolver" ? null : l.team]),
    ["change.emergency.approvers", config.change.emergency.approvers],
    ["change.highRisk.team", config.change.highRisk.team],
  ];
  const byTeam = new Map<string, NamedTeam>();
  for (const [setting, team] of named) {
    if (!team) continue;
    const key = team.toLowerCase();
    const entry = byTeam.get(key) ?? { team, settings: [] };
    entry.settings.push(setting);
    byTeam.set(key, entry);
  }
  return [...byTeam.values()];
}
