import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

/** A change by alice that sec1 could approve. */
async function change() {
  stack = await changeStack();
  const pr = openChange(stack);
  await stack.sim.settle();
  return pr.number;
}

describe("honest gates: an approval counts only for what the reviewer saw, from an independent account", () => {
  it("retargeting to main after an approval given while the pull request targeted a scratch branch holding unreviewed commits does not pass", async () => {
    stack = await changeStack();
    const { sim } = stack;
    sim.as("alice").push(REPO, "scratch", [{ message: "unreviewed", files: { "infra/backdoor.tf": "open\n" } }]);
    const pr = sim.as("alice").openPullRequest(REPO, { title: "Rotate the certificate", head: "rotate-cert", base: "scratch", body: "Rotate it.\n\nChange: #1", labels: ["ims:change"], files: { "infra/main.tf": "b\n" } });
    sim.as("sec1").review(REPO, pr.number, "APPROVE"); // sec1 saw only scratch..head
    await sim.settle();
    sim.as("alice").editPullRequest(REPO, pr.number, { base: "main" });
    await sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).not.toBe("success");
    expect(summary(run)).toMatch(/@\u200b?sec1 approved.*not counted: .*the base branch changed from scratch to main at \S+ by @\u200b?alice/);
  });

  it("a co-author named by a work e-mail linked to a security member's account cannot approve", async () => {
    const n = await change();
    stack.sim.linkEmail("sec1", "s.one@acme.example");
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "pair on it", files: { "infra/c.tf": "c\n" }, coAuthors: [{ name: "S. One", email: "s.one@acme.example" }] }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toMatch(/@\u200b?sec1 approved.*not counted: co-author of commit [0-9a-f]{7}/);
  });

  it("a security member who pushes a commit under the author's git identity and then approves does not pass", async () => {
    const n = await change();
    stack.sim.as("sec1").pushCommits(REPO, n, [{ message: "tweak", files: { "infra/d.tf": "d\n" }, author: "alice" }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toMatch(/@\u200b?sec1 approved.*not counted: pushed to rotate-cert/);
  });

  it("a security member's push under the author's git identity is seen by an instance that never received its webhook", async () => {
    const n = await change();
    // the push reaches no instance of the app (a restart, another replica): only GitHub's record of pushes knows
    stack.sim.quietly(() => stack.sim.as("sec1").pushCommits(REPO, n, [{ message: "tweak", files: { "infra/d.tf": "d\n" }, author: "alice" }]));
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toMatch(/@\u200b?sec1 approved.*not counted: pushed to rotate-cert/);
  });

  it("a security member who pushes a commit under the author's identity to another branch, which the author then brings into the pull request, cannot approve", async () => {
    const n = await change();
    const [theirs] = stack.sim.as("sec1").push(REPO, "sec-work", [{ message: "tweak", files: { "infra/h.tf": "h\n" }, author: "alice" }]);
    // alice merges sec1's branch: every push to the head branch is hers
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "Merge branch 'sec-work'", mergeParents: [theirs!.sha] }]);
    expect(stack.sim.pull(REPO, n).pull.commits).toContain(theirs!.sha);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toMatch(/@\u200b?sec1 approved.*not counted: pushed commit [0-9a-f]{7} of the pull request to sec-work/);
  });

  it("a security member who force-pushes under the author's git identity and then approves does not pass", async () => {
    const n = await change();
    stack.sim.as("sec1").pushCommits(REPO, n, [{ message: "rewritten", files: { "infra/main.tf": "z\n" }, author: "alice" }], { force: true });
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toMatch(/@\u200b?sec1 approved.*not counted: (force-)?pushed to rotate-cert/);
  });

  it("merging a branch that holds unreviewed commits into the head after an approval does not keep it (GitHub lists that branch's commits too)", async () => {
    const n = await change();
    const [side] = stack.sim.as("alice").push(REPO, "scratch", [{ message: "unreviewed", files: { "infra/backdoor.tf": "open\n" } }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "Merge branch 'scratch'", mergeParents: [side!.sha] }]);
    await stack.sim.settle();
    expect(stack.sim.pull(REPO, n).pull.commits).toContain(side!.sha);
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).toContain("invalidated by new commit");
  });

  it("a co-author whose e-mail GitHub links to no account is named in the summary, since it cannot be matched to an approver", async () => {
    const n = await change();
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "pair on it", files: { "infra/f.tf": "f\n" }, coAuthors: [{ name: "Pat Contractor", email: "pat@contractor.example" }] }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(summary(checkOf(stack, n))).toMatch(/co-author Pat Contractor &lt;pat@\u200b?contractor\.example&gt; \\?\(commit [0-9a-f]{7}\\?\) has no GitHub account linked to that e-mail/);
  });

  it("a security member who pushes to a fork's pull request branch (allowed edits by maintainers) and then approves does not pass", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const fork = sim.forkRepo(REPO, "mallory");
    const pr = sim.as("mallory").openPullRequest(REPO, { title: "From a fork", head: "patch", headRepo: fork, body: "Change: #1", labels: ["ims:change"], files: { "infra/main.tf": "m\n" } });
    sim.quietly(() => sim.as("sec1").pushCommits(REPO, pr.number, [{ message: "tweak", files: { "infra/g.tf": "g\n" }, author: "mallory" }]));
    sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, pr.number))).toMatch(/@\u200b?sec1 approved.*not counted: pushed to patch/);
  });

  it("a security member who only pressed Update branch (a merge of the target, nothing of their own) still counts", async () => {
    const n = await change();
    stack.sim.as("erin").push(REPO, "main", [{ message: "main moves", files: { "README.md": "# web, v2\n" } }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("sec1").updateBranch(REPO, n); // judged on its synchronize (the sender) and GitHub's record alike
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
  });

  it("an independent security member's approval still passes (the author pushed everything)", async () => {
    const n = await change();
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "more", files: { "infra/e.tf": "e\n" } }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
  });
});
