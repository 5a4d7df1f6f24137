import type { Stack } from "../../src/demo/stack.js";
import { incidentStack, REPO } from "./incident-stack.js";

/** A risk form body, as GitHub renders templates/ISSUE_TEMPLATE/risk.yml. */
export function riskForm(o: { likelihood?: string; impact?: string; treatment?: string; review?: string; owner?: string } = {}): string {
  return [
    "### Asset or service", "", "payments-api", "",
    "### Threat", "", "Credential stuffing", "",
    "### Vulnerability", "", "No rate limit on login", "",
    "### Likelihood", "", o.likelihood ?? "4 - Likely", "",
    "### Impact", "", o.impact ?? "4 - Major", "",
    "### Risk owner", "", o.owner ?? "@tom", "",
    "### Treatment", "", o.treatment ?? "accept", "",
    "### Treatment plan", "", "_No response_", "",
    "### Review date", "", o.review ?? "2026-06-30",
  ].join("\n");
}

/** The incident stack plus the `risk-acceptors` team (mgr1); tom (triage) is the risk owner, not an acceptor. */
export async function riskStack(): Promise<Stack> {
  const stack = await incidentStack();
  stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "risk-acceptors", members: ["mgr1"] }));
  stack.sim.setPermission(REPO, "mgr1", "triage");
  return stack;
}
