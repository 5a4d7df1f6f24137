import type { Stack } from "../../src/demo/stack.js";
import type { Issue } from "../../src/simulator/index.js";

export const REPO = "acme/web";
/** Monday 09:00 UTC. */
export const T0 = "2026-03-02T09:00:00Z";

/** The onboarding pull requests of a repository (open or closed), by the app. */
export function onboardingPulls(stack: Stack, repo = REPO): Issue[] {
  const r = stack.sim.core.store.repoByName(repo);
  return [...r.issues.values()].filter((i) => i.pull?.headRef === "ims-bot/onboarding");
}

/** A file on a branch (undefined when missing). */
export function fileAt(stack: Stack, repo: string, branch: string, path: string): string | undefined {
  const r = stack.sim.core.store.repoByName(repo);
  return r.commits.get(r.branches.get(branch)?.sha ?? "")?.tree.get(path);
}

/** A new organisation's repository: no labels of the app, teams security only. */
export function newOrg(stack: Stack, repos: string[] = ["web"]): void {
  const { sim } = stack;
  sim.createOrg("acme", { members: ["alice", "sec1"] });
  for (const name of repos) sim.createRepo({ owner: "acme", name });
  sim.quietly(() => sim.createTeam("acme", { slug: "security", members: ["sec1"] }));
}
