/**
 * Issue 4: GitHub API calls per evaluation of `IMS / change control` for a pull request with 5 commits
 * and 3 reviews, in the simulator, against the minimum (PR, commits, reviews, team membership of the
 * reviewers, linked record, one check write). Run: npx tsx bench/change-calls.bench.ts
 */
import { startStack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";

const REPO = "acme/web";
const RECORD = "### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### Test plan\n\nStaging.";

/** Runs the benchmark and returns printable lines. */
export async function benchChangeCalls(): Promise<string[]> {
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "sec1", "sec2", "bob"] });
    sim.createRepo({ owner: "acme", name: "web", files: { "infra/main.tf": "a\n" } });
    seedAppLabels(sim, "acme/web");
    sim.createTeam("acme", { slug: "security", members: ["sec1", "sec2"] });
    sim.as("bob").openIssue(REPO, { title: "Change record", body: RECORD, labels: ["ims:change"] });
    const commits = Array.from({ length: 5 }, (_, i) => ({ message: `step ${i}`, files: { "infra/main.tf": `${i}\n` } }));
    const pr = sim.as("alice").openPullRequest(REPO, { title: "Five commits", head: "five", body: "Change: #1", labels: ["ims:change"], commits });
    sim.as("bob").review(REPO, pr.number, "COMMENT", "looks fine");
    sim.as("sec2").review(REPO, pr.number, "REQUEST_CHANGES", "one question");
    await sim.settle();
    // the measured evaluation: the third review arrives (config and protection evidence are warm, as in steady state)
    sim.resetRequestLog();
    sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await sim.settle();
    const counts = sim.requestCounts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const minimum = 1 + 1 + 1 + 2 + 1 + 1; // PR, commits, reviews, 2 reviewers' membership, record, check write
    const lines = [`calls for one evaluation (5 commits, 3 reviews by 3 people, 2 of them approving or requesting changes): ${total}; minimum ${minimum}`];
    for (const [route, n] of Object.entries(counts).sort()) lines.push(`  ${String(n).padStart(3)}  ${route}`);
    const conditional = sim.requestLog.filter((r) => r.status === 304 && r.route === "GET /repos/{owner}/{repo}/pulls").length;
    lines.push(`  beyond the minimum: changed files (change paths, standard rules); the open pull request list, read to find every pull request with this head (the check belongs to the commit) and read again before writing (${conditional} of these reads were 304s, free on GitHub); the check-run lookup on the head the conditional write compares against`);
    lines.push("  and, with a standing approval that could count: the commit accounts, base changes and force-pushes (1 GraphQL query per 100 commits) and whether the approver pushed any of its code (2 activity reads per such approver: the head branch, and their own latest pushes anywhere in the repository)");
    return lines;
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchChangeCalls()) console.log(l);
