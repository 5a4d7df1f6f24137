/**
 * Issue 8: GitHub API calls per evaluation of `IMS / change control` on a merge queue's group of 3
 * pull requests (each with 2 commits and one approval), in the simulator. The group holds every pull
 * request ahead of it in the queue, so the third group's evaluation reads all three.
 * Run: npx tsx bench/merge-group-calls.bench.ts
 */
import { startStack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";
import { createCheckRun } from "../src/simulator/ops/checks.js";

const REPO = "acme/web";
const CHECK = "IMS / change control";
const RECORD = "### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### Test plan\n\nStaging.";

/** Runs the benchmark and returns printable lines. */
export async function benchMergeGroupCalls(): Promise<string[]> {
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "sec1", "bob", "erin"] });
    sim.createRepo({ owner: "acme", name: "web", files: { "infra/a.tf": "a\n", "infra/b.tf": "b\n", "infra/c.tf": "c\n" } });
    seedAppLabels(sim, "acme/web");
    sim.setPermission(REPO, "erin", "maintain");
    sim.createTeam("acme", { slug: "security", members: ["sec1"] });
    // a second required check keeps the groups queued, so the third group holds three open pull requests
    sim.protectBranch(REPO, "main", [CHECK, "ci"]);
    const repo = sim.core.store.repoByName(REPO);
    const prs = ["a", "b", "c"].map((x) => {
      const record = sim.as("bob").openIssue(REPO, { title: `Change ${x}`, body: RECORD, labels: ["ims:change"] });
      const commits = [1, 2].map((i) => ({ message: `${x} step ${i}`, files: { [`infra/${x}.tf`]: `${x}${i}\n` } }));
      return sim.as("alice").openPullRequest(REPO, { title: `Change ${x}`, head: `change-${x}`, body: `Change: #${record.number}`, labels: ["ims:change"], commits });
    });
    for (const pr of prs) sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await sim.settle();
    for (const pr of prs) createCheckRun(sim.core, "ci-bot", repo, { name: "ci", head_sha: pr.pull.headSha, conclusion: "success" });
    sim.as("erin").enqueue(REPO, prs[0]!.number);
    sim.as("erin").enqueue(REPO, prs[1]!.number);
    await sim.settle();
    sim.resetRequestLog();
    sim.as("erin").enqueue(REPO, prs[2]!.number);
    await sim.settle();
    const counts = sim.requestCounts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const conditional = sim.requestLog.filter((r) => r.status === 304).length;
    const group = sim.deliveries.filter((d) => d.event === "merge_group").at(-1);
    const head = group ? (JSON.parse(group.body) as { merge_group: { head_sha: string } }).merge_group.head_sha : "";
    const run = sim.checkRuns(REPO, head).filter((c) => c.name === CHECK).at(-1);
    const lines = [`calls for one merge-group evaluation (3 pull requests, 2 commits and 1 approval each): ${total} (${conditional} of them conditional 304s, free on GitHub); result ${run?.conclusion ?? "none"}`];
    for (const [route, n] of Object.entries(counts).sort()) lines.push(`  ${String(n).padStart(3)}  ${route}`);
    lines.push("  per pull request: its facts (PR, commits, files, reviews, record, membership, protection evidence) and one compare of its own changes; per group: one compare, the open pull request list, the check write");
    return lines;
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchMergeGroupCalls()) console.log(l);
