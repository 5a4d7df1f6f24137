import type { ImsConfig } from "../config/schema.js";

/** Every team the config names (as written: `slug` or `org/slug`), once each, in a stable order (pure). */
export function configTeams(c: ImsConfig): string[] {
  const named = [
    c.security.team,
    c.major.team,
    c.escalation.resolvers.default,
    ...Object.values(c.escalation.resolvers.services),
    ...Object.values(c.services ?? {}).flatMap((s) => [s.owner, s.resolver]),
    ...c.escalation.levels.map((l) => l.team).filter((t) => t !== "resolver"),
    c.change.emergency.approvers,
    ...(c.change.highRisk.team ? [c.change.highRisk.team] : []),
  ];
  const seen = new Map<string, string>();
  for (const t of named) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort();
}
