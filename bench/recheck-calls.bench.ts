/**
 * Issue 8: GitHub API calls per `/ims recheck` of a pull request with 250 commits, 80 of them merges
 * of the target branch ("Update branch"), counted at the simulator (every request the app sent):
 * with no merge proved yet (a new process), with the proofs kept, after a new push, and a recheck
 * refused by `change.recheck.minInterval`. Run: npx tsx bench/recheck-calls.bench.ts
 */
import { startStack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";

const REPO = "acme/web";
const RECORD = "### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### Test plan\n\nStaging.";
const MERGES = 80;
const FIRST = 89; // + 80 rounds of (one commit, one target merge) = 249; the measured push makes 250

/** Runs the benchmark and returns printable lines. */
export async function benchRecheckCalls(): Promise<string[]> {
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "sec1", "bob", "erin"] });
    sim.createRepo({ owner: "acme", name: "web", files: { "infra/main.tf": "a\n", "README.md": "# web\n" } });
    seedAppLabels(sim, "acme/web");
    sim.createTeam("acme", { slug: "security", members: ["sec1"] });
    const pr = sim.quietly(() => {
      sim.as("bob").openIssue(REPO, { title: "Change record", body: RECORD, labels: ["ims:change"] });
      const commits = Array.from({ length: FIRST }, (_, i) => ({ message: `step ${i}`, files: { "infra/main.tf": `${i}\n` } }));
      const p = sim.as("alice").openPullRequest(REPO, { title: "Long change", head: "long", body: "Change: #1", labels: ["ims:change"], commits });
      for (let i = 0; i < MERGES; i++) {
        sim.as("alice").pushCommits(REPO, p.number, [{ message: `more ${i}`, files: { [`infra/part${i}.tf`]: `${i}\n` } }]);
        sim.as("erin").push(REPO, "main", [{ message: `main ${i}`, files: { "README.md": `# web ${i}\n` } }]);
        sim.as("alice").updateBranch(REPO, p.number);
      }
      return p;
    });
    const measure = async (act: () => void) => {
      sim.resetRequestLog();
      act();
      await sim.settle();
      const counts = sim.requestCounts();
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const compares = counts["GET /repos/{owner}/{repo}/compare/{basehead}"] ?? 0;
      return { total, compares, counts };
    };
    const recheck = () => sim.as("bob").comment(REPO, pr.number, "/ims recheck");
    const commitsNow = () => sim.pull(REPO, pr.number).pull.commits.length;
    const warmUp = await measure(recheck); // 249 commits, nothing proved yet
    sim.clock.advance(5 * 60_000);
    const push = await measure(() => sim.as("alice").pushCommits(REPO, pr.number, [{ message: "one more", files: { "infra/last.tf": "x\n" } }]));
    const afterPush = await measure(recheck);
    await stack.restartApp(); // a new process: nothing proved, no run remembered, no cached read
    sim.clock.advance(5 * 60_000);
    const cold = await measure(recheck);
    const refused = await measure(recheck);
    const run = () => sim.checkRuns(REPO, sim.pull(REPO, pr.number).pull.headSha).filter((c) => c.name === "IMS / change control").at(-1)!;
    const rerunRefused = await measure(() => sim.as("bob").rerequestCheck(run().id));
    sim.clock.advance(5 * 60_000);
    const warm = await measure(recheck);
    const line = (what: string, m: { total: number; compares: number }) => `  ${String(m.total).padStart(4)}  ${what} (compares: ${m.compares})`;
    const lines = [
      `calls per /ims recheck of a pull request with ${commitsNow()} commits, ${MERGES} of them target merges (counted at the simulator):`,
      line("first recheck in a new process, no merge proved yet (the cost of every recheck before issue 8)", cold),
      line("recheck after the interval, merges proved", warm),
      line("recheck right after a new push, merges proved", afterPush),
      line("the push itself (synchronize evaluation), merges proved", push),
      line(`recheck refused within change.recheck.minInterval (reads, and the reply)`, refused),
      line(`Re-run refused within change.recheck.minInterval`, rerunRefused),
      `  (the warm-up recheck at ${FIRST + 2 * MERGES} commits before the push: ${warmUp.total} calls, ${warmUp.compares} compares)`,
      "  routes of the first recheck:",
    ];
    for (const [route, n] of Object.entries(cold.counts).sort()) lines.push(`  ${String(n).padStart(4)}  ${route}`);
    return lines;
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchRecheckCalls()) console.log(l);
