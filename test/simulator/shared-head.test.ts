import { expect, it } from "vitest";
import { setup } from "./helpers.js";

it("several pull requests share a head commit (one per base branch), and a check run on it lists them as GitHub does: not a fork's", async () => {
  const { sim, octokit, receiver } = await setup();
  try {
    sim.as("alice").push("acme/web", "scratch", [{ message: "s", files: { s: "1" } }]);
    const a = sim.as("alice").openPullRequest("acme/web", { title: "a", head: "f", files: { a: "1" } });
    const b = sim.as("alice").openPullRequest("acme/web", { title: "b", head: "f", base: "scratch" });
    expect(b.pull.headSha).toBe(a.pull.headSha);
    expect(() => sim.as("alice").openPullRequest("acme/web", { title: "again", head: "f" })).toThrow(expect.objectContaining({ status: 422 }));
    const fork = sim.forkRepo("acme/web", "mallory");
    sim.core.store.repoByName(fork).branches.set("f", { name: "f", sha: a.pull.headSha });
    sim.core.store.repoByName(fork).commits.set(a.pull.headSha, sim.core.store.repoByName("acme/web").commits.get(a.pull.headSha)!);
    const c = sim.as("mallory").openPullRequest("acme/web", { title: "c", head: "f", headRepo: fork, base: "scratch" });
    expect(c.pull.headSha).toBe(a.pull.headSha);
    const run = await octokit.checks.create({ owner: "acme", repo: "web", name: "x", head_sha: a.pull.headSha, conclusion: "success" });
    expect(run.data.pull_requests.map((p) => p.number).sort()).toEqual([a.number, b.number]);
    const open = await octokit.pulls.list({ owner: "acme", repo: "web", state: "open" });
    expect(open.data.filter((p) => p.head.sha === a.pull.headSha).map((p) => p.number).sort()).toEqual([a.number, b.number, c.number]);
  } finally {
    await sim.stop();
    await receiver.close();
  }
});
