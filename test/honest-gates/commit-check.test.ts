import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { CHECK, REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

/** The change PR (#2, into main, not approved yet) and a second PR (#3) with the same head into `scratch`, which is not a change target. */
async function sharedHead() {
  stack = await changeStack();
  const change = openChange(stack);
  await stack.sim.settle();
  expect(checkOf(stack, change.number)?.conclusion).toBe("action_required");
  stack.sim.as("erin").push(REPO, "scratch", [{ message: "scratch work", files: { "docs/scratch.md": "s\n" } }]);
  const other = stack.sim.as("alice").openPullRequest(REPO, { title: "Try it on scratch", head: "rotate-cert", base: "scratch", body: "just trying" });
  await stack.sim.settle();
  expect(other.pull.headSha).toBe(change.pull.headSha);
  return { change: change.number, other: other.number, head: change.pull.headSha };
}

describe("honest gates: the check belongs to the commit, not to one pull request", () => {
  it("a second pull request with the same head into a non-target branch cannot make the change neutral", async () => {
    const { change } = await sharedHead();
    const runs = stack.sim.checkRuns(REPO, stack.sim.pull(REPO, change).pull.headSha).filter((c) => c.name === CHECK);
    expect(runs.map((r) => r.conclusion)).not.toContain("neutral");
    expect(checkOf(stack, change)?.conclusion).toBe("action_required");
  });

  it("a closed second pull request with the same head, rechecked, cannot make the change neutral", async () => {
    const { change, other } = await sharedHead();
    stack.sim.as("alice").close(REPO, other);
    await stack.sim.settle();
    stack.sim.as("alice").comment(REPO, other, "/ims recheck");
    await stack.sim.settle();
    expect(checkOf(stack, change)?.conclusion).toBe("action_required");
    const reply = stack.sim.comments(REPO, other).at(-1)?.body ?? "";
    expect(reply).toContain("is closed");
    expect(reply).toContain("not evaluated");
  });

  it("a re-run of the check on the shared head cannot make the change neutral", async () => {
    const { change } = await sharedHead();
    stack.sim.rerequestCheck(checkOf(stack, change)!.id, "alice");
    await stack.sim.settle();
    expect(checkOf(stack, change)?.conclusion).toBe("action_required");
  });

  it("a recheck on the second pull request cannot make the change neutral", async () => {
    const { change, other } = await sharedHead();
    stack.sim.as("alice").comment(REPO, other, "/ims recheck");
    await stack.sim.settle();
    expect(checkOf(stack, change)?.conclusion).toBe("action_required");
  });

  it("the summary names every pull request the commit's result was computed for, and how the strictest is chosen", async () => {
    const { change, other } = await sharedHead();
    const text = summary(checkOf(stack, change));
    expect(text).toContain(`#${change}`);
    expect(text).toContain(`#${other}`);
    expect(text).toMatch(/strictest/);
  });

  it("an approved change keeps its success while a second pull request with the same head is open", async () => {
    const { change } = await sharedHead();
    stack.sim.as("sec1").review(REPO, change, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, change)?.conclusion).toBe("success");
  });

  it("a stale evaluation by a second instance cannot overwrite the result computed from newer inputs", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
    const { sim } = stack;
    // this instance reads its facts (no approval yet); just before it writes, sec1 approves and another
    // instance (fresh module state: its own locks and caches), which got that webhook, writes success
    sim.beforeNext("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", async () => {
      sim.clock.advance(60_000);
      sim.quietly(() => sim.as("sec1").review(REPO, pr.number, "APPROVE"));
      vi.resetModules();
      const other = await import("../../src/flows/commit-flow.js");
      const octokit = await stack.probot.auth(sim.installationId);
      const head = sim.pull(REPO, pr.number).pull.headSha;
      const done = await other.evaluateCommit(octokit as never, { owner: "acme", repo: "web" }, head, { delivery: "other-instance", now: sim.clock.now() }, pino({ level: "silent" }) as never);
      expect(done?.commit.conclusion).toBe("success");
    });
    sim.as("bob").comment(REPO, pr.number, "/ims recheck");
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    expect(sim.comments(REPO, pr.number).at(-1)?.body).toContain("**success**");
  });
});
