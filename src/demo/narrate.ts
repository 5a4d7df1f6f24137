import type { Simulator } from "../simulator/index.js";
import { isCard } from "../records/card.js";

/** The visible lines of the app's record card on an issue (hidden markers and traces left out). */
export function cardLines(sim: Simulator, repo: string, number: number, max = 14): string[] {
  const card = sim.comments(repo, number).find((c) => isCard(c.body));
  if (!card) return ["(no record card)"];
  return card.body
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("<!--"))
    .slice(0, max);
}

/** "3 calls: 1 x POST .../labels, ..." from route counts. */
export function describeCalls(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([route]) => !route.includes("/access_tokens") && route !== "GET /app");
  const total = entries.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return "0 GitHub API calls";
  return `${total} GitHub API call${total === 1 ? "" : "s"}: ` + entries.map(([route, c]) => `${c} x ${route}`).join(", ");
}
