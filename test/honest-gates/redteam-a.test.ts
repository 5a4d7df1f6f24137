import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { CHECK, approvedOnProtectedMain, REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

/** Main requires the check; alice's change #2 is approved by sec1 and passes. */
async function approvedChange() {
  const made = await approvedOnProtectedMain();
  stack = made.stack;
  return made.number;
}

/**
 * alice stages an unreviewed file, then pushes a commit merging it to a branch she names like the
 * queue's, naming the staged commit as the "group's base" and the approved change as its pull request,
 * and opens a change from that branch (not approved: action required).
 */
async function fakeQueueBranch() {
  const approved = await approvedChange();
  const { sim } = stack;
  const [staged] = sim.as("alice").push(REPO, "stage", [{ message: "infra", files: { "infra/backdoor.tf": "open 0.0.0.0/0\n" } }]);
  const branch = `gh-readonly-queue/main/pr-${approved}-${staged!.sha}`;
  sim.as("alice").push(REPO, branch, [{ message: `Merge pull request #${approved} from acme/rotate-cert`, mergeParents: [staged!.sha] }]);
  const evil = sim.as("alice").openPullRequest(REPO, { title: "Open the firewall", head: branch, body: "Change: #1", labels: ["ims:change"] });
  await sim.settle();
  expect(checkOf(stack, evil.number)?.conclusion).toBe("action_required");
  return evil;
}

describe("red team A: the merge path", () => {
  it("a branch named like a merge queue's branch, re-run, cannot pass an unreviewed pull request as a merge group", async () => {
    const evil = await fakeQueueBranch();
    const { sim } = stack;
    sim.rerequestCheck(checkOf(stack, evil.number)!.id, "alice");
    await sim.settle();
    expect(checkOf(stack, evil.number)?.conclusion).toBe("action_required");
    expect(() => sim.as("alice").merge(REPO, evil.number)).toThrow();
  });

  it("a branch named like a merge queue's branch, with all checks re-run, cannot pass an unreviewed pull request as a merge group", async () => {
    const evil = await fakeQueueBranch();
    const { sim } = stack;
    sim.as("alice").rerequestCheckSuite(REPO, evil.pull.headSha);
    await sim.settle();
    expect(checkOf(stack, evil.number)?.conclusion).toBe("action_required");
    expect(() => sim.as("alice").merge(REPO, evil.number)).toThrow();
  });

  it("closing the change, rechecking a second pull request with the same head into a non-target branch, then reopening the change and merging at once, cannot merge it unreviewed", async () => {
    stack = await changeStack();
    const { sim } = stack;
    sim.protectBranch(REPO, "main", [CHECK]);
    const change = openChange(stack);
    await sim.settle();
    expect(checkOf(stack, change.number)?.conclusion).toBe("action_required");
    sim.as("erin").push(REPO, "scratch", [{ message: "scratch work", files: { "docs/scratch.md": "s\n" } }]);
    const other = sim.as("alice").openPullRequest(REPO, { title: "Try it on scratch", head: "rotate-cert", base: "scratch", body: "just trying" });
    await sim.settle();
    sim.as("alice").close(REPO, change.number);
    await sim.settle();
    sim.as("alice").comment(REPO, other.number, "/ims recheck");
    await sim.settle();
    // the change is reopened and merged in one go, before the app has heard of the reopening
    sim.as("alice").reopen(REPO, change.number);
    expect(checkOf(stack, change.number)?.conclusion).not.toBe("neutral");
    expect(() => sim.as("alice").merge(REPO, change.number)).toThrow();
    await sim.settle();
  });
});
