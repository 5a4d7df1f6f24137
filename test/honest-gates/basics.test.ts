import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

async function approvedChange(patch: Parameters<typeof openChange>[1] = {}) {
  stack = await changeStack();
  const pr = openChange(stack, patch);
  return pr.number;
}

describe("honest gates end to end (real app against the simulator)", () => {
  it("an approval at an older commit does not count", async () => {
    const n = await approvedChange();
    const first = stack.sim.pull(REPO, n).pull.headSha;
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "more", files: { "infra/b.tf": "b\n" } }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE", "", { commitId: first });
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, n))).toContain(`given on ${first.slice(0, 7)}, invalidated by new commit`);
  });

  it("a commit co-author's approval does not count", async () => {
    const n = await approvedChange();
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "pair", files: { "infra/c.tf": "c\n" }, coAuthors: ["sec1"] }]);
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(summary(checkOf(stack, n))).toMatch(/not counted: co-author of commit [0-9a-f]{7}/);
    expect(checkOf(stack, n)?.conclusion).toBe("action_required");
  });

  it("a dismissed review does not count", async () => {
    const n = await approvedChange();
    const r = stack.sim.as("sec1").review(REPO, n, "APPROVE");
    stack.sim.as("erin").dismissReview(REPO, n, r.id, "wrong PR");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("action_required");
    expect(summary(checkOf(stack, n))).toContain("not counted: the review was dismissed");
  });

  it("a security member who left the team no longer counts at the next evaluation", async () => {
    const n = await approvedChange();
    stack.sim.as("sec2").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
    stack.sim.removeTeamMember("acme", "security", "sec2");
    stack.sim.as("bob").comment(REPO, n, "/ims recheck");
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("action_required");
    expect(summary(checkOf(stack, n))).toContain("not an active member of the security team");
  });

  it("editing the body after approval to unlink the record fails the record requirement", async () => {
    const n = await approvedChange();
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    stack.sim.as("alice").editPullRequest(REPO, n, { body: "No record any more." });
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, n))).toContain("none linked");
  });

  it("a force-push invalidates the approval", async () => {
    const n = await approvedChange();
    stack.sim.as("sec1").review(REPO, n, "APPROVE");
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "rewritten", files: { "infra/main.tf": "z\n" } }], { force: true });
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, n))).toContain("no longer part of the pull request (force-push)");
  });

  it("a bot's review does not count", async () => {
    const n = await approvedChange();
    stack.sim.addTeamMember("acme", "security", "helper[bot]");
    stack.sim.as("helper[bot]").review(REPO, n, "APPROVE");
    await stack.sim.settle();
    expect(summary(checkOf(stack, n))).toContain("a bot account; a bot cannot approve a change");
  });

  it("a fork contributor's review does not count, and a fork's pull request is still evaluated", async () => {
    stack = await changeStack();
    const fork = stack.sim.forkRepo(REPO, "mallory");
    const pr = stack.sim.as("mallory").openPullRequest(REPO, { title: "From a fork", head: "patch", headRepo: fork, body: "Change: #1", labels: ["ims:change"], files: { "infra/main.tf": "m\n" } });
    stack.sim.as("eve").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("action_required");
    expect(summary(run)).toContain("not an active member of the security team");
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  });

  it("reads a 100-commit pull request in full over pages, and reports a 300-commit one as truncated", async () => {
    stack = await changeStack();
    const many = (k: number, tag: string) => Array.from({ length: k }, (_, i) => ({ message: `${tag} ${i}`, files: { [`infra/${tag}.tf`]: `${i}\n` } }));
    const a = stack.sim.as("alice").openPullRequest(REPO, { title: "hundred", head: "h100", body: "Change: #1", labels: ["ims:change"], commits: many(100, "h") });
    stack.sim.as("sec1").review(REPO, a.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, a.number)?.conclusion).toBe("success");
    const b = stack.sim.as("alice").openPullRequest(REPO, { title: "huge", head: "h300", body: "Change: #1", labels: ["ims:change"], commits: many(300, "g") });
    stack.sim.as("sec1").review(REPO, b.number, "APPROVE");
    await stack.sim.settle();
    const run = checkOf(stack, b.number);
    expect(run?.conclusion).not.toBe("success");
    expect(summary(run)).toContain("commits: 250 of 300 read (limit 250)");
  });
});
