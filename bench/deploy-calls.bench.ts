/**
 * Issue 12: GitHub API calls per deployment decision (the custom protection rule answered), in the
 * simulator, against the minimum: the commit's pull requests, their checks, the config, one callback.
 * Run: npx tsx bench/deploy-calls.bench.ts
 */
import { startStack, type Stack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";

const REPO = "acme/web";
const RECORD = "### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### Test plan\n\nStaging.";

async function change(stack: Stack, head: string, method: "merge" | "squash" | "rebase", commits: number): Promise<void> {
  const { sim } = stack;
  const list = Array.from({ length: commits }, (_, i) => ({ message: `${head} ${i}`, files: { [`infra/${head}.tf`]: `${i}\n` } }));
  const pr = sim.as("alice").openPullRequest(REPO, { title: head, head, body: "Change: #1", labels: ["ims:change"], commits: list });
  sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await sim.settle();
  sim.as("alice").merge(REPO, pr.number, { method });
  await sim.settle();
}

async function measure(stack: Stack): Promise<{ total: number; counts: Record<string, number> }> {
  const { sim } = stack;
  sim.resetRequestLog();
  sim.as("alice").runDeployJob(REPO, { environment: "production", ref: "main" });
  await sim.settle();
  // the decision only: every request up to the callback (the in_progress status that follows is the notes' work)
  const end = sim.requestLog.findIndex((r) => r.route.endsWith("/deployment_protection_rule"));
  const decision = sim.requestLog.slice(0, end + 1).filter((r) => !r.route.includes("access_tokens"));
  const counts: Record<string, number> = {};
  for (const r of decision) counts[r.route] = (counts[r.route] ?? 0) + 1;
  const notes = sim.requestLog.slice(end + 1).filter((r) => !r.route.includes("access_tokens")).length;
  counts["(after the callback: notes on the in_progress status)"] = notes;
  return { total: decision.length, counts };
}

export async function benchDeployCalls(): Promise<string[]> {
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  try {
    sim.createOrg("acme", { members: ["alice", "sec1", "bob"] });
    sim.createRepo({ owner: "acme", name: "web", files: { "infra/main.tf": "a\n", ".github/ims.yml": "deploy:\n  baseline: root\n" } });
    seedAppLabels(sim, REPO);
    sim.setPermission(REPO, "alice", "write");
    sim.createTeam("acme", { slug: "security", members: ["sec1"] });
    sim.as("bob").openIssue(REPO, { title: "Change record", body: RECORD, labels: ["ims:change"] });
    sim.enableDeploymentRule(REPO, "production");
    await change(stack, "first", "squash", 1);
    sim.as("alice").runDeployJob(REPO, { environment: "production", ref: "main" });
    await sim.settle();
    const lines: string[] = [];
    for (const [method, commits] of [["merge", 1], ["merge", 5], ["squash", 3], ["rebase", 3]] as const) {
      await change(stack, `c-${method}`, method, commits);
      const { total, counts } = await measure(stack);
      const walked = method === "merge" ? commits + 1 : method === "squash" ? 1 : commits;
      // the merge commit's pull requests (its own commits are then the pull request's: one list), or each
      // commit's for squash (one) and rebase (each); the one pull request's check; config; callback
      const minimum = (method === "merge" ? 2 : walked) + 1 + 1 + 1;
      lines.push(`one decision after a ${method === "merge" ? "merge-commit" : method} merge of ${commits} commit(s) (${walked} walked since the last approved deployment): ${total} calls; minimum ${minimum}`);
      for (const [route, n] of Object.entries(counts).sort()) lines.push(`  ${String(n).padStart(3)}  ${route}`);
    }
    lines.push(
      "  beyond the minimum: the deployment read back from GitHub (the payload is not trusted), our earlier check run for it (idempotency), whether the commit is on the target branch (compare), the environment's deployments and the last one's gate check (the walk's start), the compare that walks, and the check-run write the callback links to. A merge commit's pull request lists its own commits once (instead of one association call per commit); squash and rebase merges need one association call per commit GitHub wrote",
    );
    return lines;
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchDeployCalls()) console.log(l);
