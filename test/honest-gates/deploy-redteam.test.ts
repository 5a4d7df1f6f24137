import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { pushCommits } from "../../src/simulator/ops/push.js";
import { approvedEmergencyChange, openChange, REPO } from "../helpers/change-stack.js";
import { deploy, deployedStack, deployStack } from "../deploy/helpers.js";

/** A check run's summary without Markdown's escapes. */
const plain = (s: string | null): string => (s ?? "").replace(/\\/g, "");

/**
 * What the change gate passed is a state: a pull request's head, landed on main as its merge commit,
 * squash commit or last rebased commit (`merge_commit_sha`). The deployment gate must deploy only such a
 * state (or one it approved before), never a commit on the way to it, and only what a freeze lets through.
 */
describe("the deployment gate deploys only a gated state, and refuses", () => {
  let stack: Stack;
  let approvedSha = "";
  beforeAll(async () => {
    const ready = await deployedStack();
    stack = ready.stack;
    approvedSha = ready.first.deployment.sha;
  });
  afterAll(() => stack.stop());

  it("an intermediate commit of a merged pull request (the first of its two commits, never gated on its own)", async () => {
    const pr = openChange(stack, { head: "two-steps", files: { "infra/steps.tf": "step 1\n" } });
    const first = pr.pull.headSha;
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "step 2 removes the open port", files: { "infra/steps.tf": "step 2\n" } }]);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number, { method: "merge" });
    await stack.sim.settle();
    const d = await deploy(stack, "alice", first);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`${first.slice(0, 7)} is not the merged result of a pull request`);
    // the merged result itself is what the gate passed: it deploys
    const ok = await deploy(stack);
    expect(ok.gate?.state).toBe("approved");
    expect(plain(ok.check!.output.summary)).toContain(`is the merged result of #${pr.number}`);
  });

  it("a replayed commit of a rebase merge that is not the last one", async () => {
    const pr = openChange(stack, { head: "rebase-two", files: { "infra/rb.tf": "1\n" } });
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "second", files: { "infra/rb.tf": "2\n" } }]);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number, { method: "rebase" });
    await stack.sim.settle();
    const landed = stack.sim.pull(REPO, pr.number).pull.landedCommits!;
    expect(landed).toHaveLength(2);
    const d = await deploy(stack, "alice", landed[0]!);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain(`${landed[0]!.slice(0, 7)} is not the merged result`);
    expect((await deploy(stack, "alice", landed[1]!)).gate?.state).toBe("approved");
  });

  it("a rollback to an older commit that was never a gated state; a rollback to an approved deployment passes", async () => {
    const pr = openChange(stack, { head: "roll", files: { "infra/roll.tf": "a\n" } });
    const intermediate = pr.pull.headSha;
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "b", files: { "infra/roll.tf": "b\n" } }]);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, pr.number, { method: "merge" });
    await stack.sim.settle();
    expect((await deploy(stack)).gate?.state).toBe("approved");
    // behind the last approved deployment: no commit to walk, so the deployed commit alone decides
    const back = await deploy(stack, "alice", intermediate);
    expect(back.gate?.state).toBe("rejected");
    expect(back.comment).toContain("is not the merged result of a pull request");
    const approved = await deploy(stack, "alice", approvedSha);
    expect(approved.gate?.state).toBe("approved");
    expect(plain(approved.check!.output.summary)).toMatch(/is the (merged result of #\d+|commit of deployment \d+)/);
  });

  it("a force-push of main that rewrites history with a direct commit (named, and the rewrite said)", async () => {
    // main's current state is the last approved deployment; then main is rewritten under it
    expect((await deploy(stack)).gate?.state).toBe("approved");
    const repo = stack.sim.core.store.repoByName(REPO);
    const main = repo.branches.get("main")!.sha;
    const parent = repo.commits.get(main)!.parents[0]!;
    const [evil] = pushCommits(stack.sim.core, "bob", repo, "main", [{ message: "rewritten", files: { "infra/evil.tf": "open\n" } }], { onto: parent });
    await stack.sim.settle();
    const d = await deploy(stack, "bob");
    expect(d.gate?.state).toBe("rejected");
    expect(d.check!.output.summary).toContain("history rewritten");
    expect(d.comment).toContain(evil!.sha.slice(0, 7));
  });
});

describe("the deployment gate in a freeze refuses a standard change that rides along with an emergency change", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await deployStack([
      "change:",
      "  standard:",
      "    - { name: docs-only, paths: [\"docs/**\"] }",
      "  freezes:",
      "    - { from: \"2026-03-04T00:00\", to: \"2026-03-06T00:00\", timeZone: UTC, reason: quarter close }",
      "",
    ].join("\n"));
  });
  afterAll(() => stack.stop());

  it("naming the standard change, while the emergency change alone would pass", async () => {
    const std = openChange(stack, { head: "docs", labels: ["ims:change", "change:standard"], files: { "docs/runbook.md": "new\n" }, body: "Docs.\n\nChange: #1" });
    await stack.sim.settle();
    stack.sim.as("alice").merge(REPO, std.number);
    await stack.sim.settle();
    expect(stack.sim.pull(REPO, std.number).pull.merged).toBe(true);
    stack.sim.clock.set("2026-03-04T10:00:00Z");
    const em = await approvedEmergencyChange(stack);
    stack.sim.as("alice").merge(REPO, em.number);
    await stack.sim.settle();
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("rejected");
    expect(d.comment).toContain("quarter close");
    expect(d.comment).toContain(`#${std.number} is not an emergency change`);
  });
});
