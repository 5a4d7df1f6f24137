import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

/** A change approved by sec1 at its head, with a new commit on main since the PR was opened. */
async function approvedWithMainMoved() {
  stack = await changeStack();
  const pr = openChange(stack);
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  const [main] = stack.sim.as("erin").push(REPO, "main", [{ message: "main moves", files: { "README.md": "# web, v2\n" } }]);
  await stack.sim.settle();
  return { n: pr.number, mainHead: main!.sha };
}

describe("red team: a merge commit that is not only a target merge", () => {
  it("a merge of the target that also changes a file the target did not bring keeps no approval", async () => {
    const { n, mainHead } = await approvedWithMainMoved();
    // an "evil merge": its parents are the approved head and main, but its tree carries new code
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "Merge branch 'main' into rotate-cert", mergeParents: [mainHead], files: { "infra/main.tf": "evil\n" } }]);
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toContain("invalidated by new commit");
  });

  it("a plain Update branch (only the target merged in) still keeps the approval", async () => {
    const { n } = await approvedWithMainMoved();
    stack.sim.as("alice").updateBranch(REPO, n);
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
  });

  it("a merge of an old target commit that puts back a file as it was before a later fix keeps no approval", async () => {
    stack = await changeStack();
    const old = stack.sim.core.store.repoByName(REPO).branches.get("main")!.sha;
    stack.sim.as("erin").push(REPO, "main", [{ message: "fix the guide", files: { "docs/guide.md": "fixed\n" } }]);
    await stack.sim.settle();
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    // the "target" parent is an old commit of main: the merge reverts the fix to its version
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "Merge branch 'main'", mergeParents: [old], files: { "docs/guide.md": "x\n" } }]);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });
});
