import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { createCheckRun } from "../../src/simulator/ops/checks.js";
import { CHECK, approvedOnProtectedMain, RECORD, REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

/** A repository whose main requires the check and uses a merge queue, with an approved change #2. */
async function queuedRepo() {
  const made = await approvedOnProtectedMain();
  stack = made.stack;
  return made.number;
}

/** The merge groups GitHub asked checks for, oldest first. */
function groups(): Array<{ head_sha: string; head_ref: string; base_sha: string }> {
  return stack.sim.deliveries.filter((d) => d.event === "merge_group" && d.action === "checks_requested").map((d) => (JSON.parse(d.body) as { merge_group: { head_sha: string; head_ref: string; base_sha: string } }).merge_group);
}

function groupCheck(sha: string) {
  return stack.sim.checkRuns(REPO, sha).filter((c) => c.name === CHECK).at(-1);
}

describe("honest gates: merge queues", () => {
  it("a passing merge group passes and the queue merges it", async () => {
    const n = await queuedRepo();
    stack.sim.as("erin").enqueue(REPO, n);
    await stack.sim.settle();
    const [group] = groups();
    expect(group?.head_ref).toMatch(new RegExp(`^refs/heads/gh-readonly-queue/main/pr-${n}-[0-9a-f]{40}$`));
    expect(groupCheck(group!.head_sha)?.conclusion).toBe("success");
    expect(stack.sim.pull(REPO, n).pull.merged).toBe(true);
    expect(stack.sim.core.store.repoByName(REPO).branches.get("main")?.sha).toBe(group!.head_sha);
  });

  it("a merge group holding a pull request that no longer passes at its own head fails naming it, and the queue does not merge it", async () => {
    const first = await queuedRepo();
    const record = stack.sim.as("bob").openIssue(REPO, { title: "Second change", body: RECORD, labels: ["ims:change"] });
    const second = stack.sim.as("alice").openPullRequest(REPO, { title: "Tune the cache", head: "tune-cache", body: `Tune it.\n\nChange: #${record.number}`, labels: ["ims:change"], files: { "infra/cache.tf": "c\n" } });
    stack.sim.as("sec2").review(REPO, second.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, second.number)?.conclusion).toBe("success");
    // the second change's record is closed while the app does not hear of it: its own check is a stale success
    stack.sim.quietly(() => stack.sim.as("bob").close(REPO, record.number));
    stack.sim.as("erin").enqueue(REPO, first);
    stack.sim.as("erin").enqueue(REPO, second.number);
    await stack.sim.settle();
    const held = groups().find((g) => g.head_ref.includes(`/pr-${second.number}-`))!;
    const run = groupCheck(held.head_sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toContain(`#${second.number}`);
    expect(summary(run)).toContain(`#${first}`);
    expect(stack.sim.pull(REPO, first).pull.merged).toBe(true);
    expect(stack.sim.pull(REPO, second.number).pull.merged).toBe(false);
  });

  it("a merge group whose commit carries a file no pull request brought fails naming the file", async () => {
    const n = await queuedRepo();
    stack.sim.as("erin").enqueue(REPO, n, { extraFiles: { "infra/backdoor.tf": "open 0.0.0.0/0\n" } });
    await stack.sim.settle();
    const [group] = groups();
    const run = groupCheck(group!.head_sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toContain("infra/backdoor.tf");
    expect(stack.sim.pull(REPO, n).pull.merged).toBe(false);
  });

  it("a merge group whose commit also merges a pull request into another branch cannot pass that pull request's unreviewed files off as its own", async () => {
    const n = await queuedRepo();
    stack.sim.as("erin").push(REPO, "scratch", [{ message: "scratch", files: { "docs/s.md": "s\n" } }]);
    const side = stack.sim.as("alice").openPullRequest(REPO, { title: "Scratch work", head: "side", base: "scratch", files: { "infra/side.tf": "unreviewed\n" } });
    await stack.sim.settle();
    expect(checkOf(stack, side.number)?.conclusion).toBe("neutral"); // not a change: scratch is not a target
    stack.sim.as("erin").enqueue(REPO, n, { alsoMerge: side.number });
    await stack.sim.settle();
    const [group] = groups();
    const run = groupCheck(group!.head_sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toContain(`#${side.number}`);
    expect(stack.sim.pull(REPO, n).pull.merged).toBe(false);
  });

  it("re-running all checks of a commit evaluates it again, so a result the app missed an event for is corrected", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
    stack.sim.quietly(() => stack.sim.as("sec1").review(REPO, pr.number, "APPROVE"));
    stack.sim.as("alice").rerequestCheckSuite(REPO, stack.sim.pull(REPO, pr.number).pull.headSha);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  });

  it("re-running the check on a queued group's commit evaluates the group, which no pull request has as its head", async () => {
    const n = await queuedRepo();
    stack.sim.protectBranch(REPO, "main", [CHECK, "ci"]); // a second required check, passed on the PR, not yet on the group, keeps the group queued
    createCheckRun(stack.sim.core, "ci-bot", stack.sim.core.store.repoByName(REPO), { name: "ci", head_sha: stack.sim.pull(REPO, n).pull.headSha, conclusion: "success" });
    stack.sim.as("erin").enqueue(REPO, n);
    await stack.sim.settle();
    const [group] = groups();
    const run = groupCheck(group!.head_sha)!;
    expect(run.conclusion).toBe("success");
    // the run lost its result (a stale write, a replayed request): a re-run must put the group's own result back
    // (an app's run always carries the trace of what it was written for: that, not the branch, makes it a group's)
    run.conclusion = "failure";
    run.output = { ...run.output, title: "stale", summary: `stale\n\n${/<!-- ims-trace [\s\S]*? -->/.exec(run.output.summary ?? "")![0]}` };
    stack.sim.rerequestCheck(run.id, "alice");
    await stack.sim.settle();
    expect(groupCheck(group!.head_sha)?.conclusion).toBe("success");
    expect(groupCheck(group!.head_sha)?.output.title).toContain(`#${n}`);
  });
});
