import type { Simulator } from "../simulator/index.js";

/** Creates the demo organisation, repository and people; returns their names. */
export function seedDemo(sim: Simulator): { org: string; repo: string } {
  const org = "acme";
  sim.createOrg(org, { members: ["alice", "bob", "carol", "dave", "erin", "sam", "sec-lead", "maria"] });
  const repo = sim.createRepo({ owner: org, name: "payments" });
  // no labels: the first chapter installs the app, which creates them
  sim.setPermission(repo, "carol", "triage");
  sim.setPermission(repo, "erin", "maintain");
  sim.setPermission(repo, "sam", "write");
  sim.setPermission(repo, "sec-lead", "write");
  sim.setPermission(repo, "maria", "admin");
  sim.setPermission(repo, "auditor", "read");
  return { org, repo };
}
