import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { CHECK, REPO, changeStack, checkOf, openChange, summary, approvedEmergencyChange } from "../helpers/change-stack.js";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe("IMS / change control end to end (real app over HTTP against the simulator)", () => {
  it("normal change: success at head, a push invalidates the approval by name, approving again passes, then it merges", async () => {
    stack = await changeStack();
    const { sim } = stack;
    sim.protectBranch(REPO, "main", [CHECK]);
    sim.setAppAdministration(REPO, true);
    const pr = openChange(stack);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
    sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    const [pushed] = sim.as("alice").pushCommits(REPO, pr.number, [{ message: "tweak", files: { "infra/main.tf": "c\n" } }]);
    await sim.settle();
    const after = checkOf(stack, pr.number);
    expect(after?.conclusion).toBe("failure");
    expect(after?.output.title).toContain(`approval by @sec1 invalidated by ${pushed!.sha.slice(0, 7)}`);
    sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    expect(summary(checkOf(stack, pr.number))).toContain("yes, by branch protection");
    sim.as("erin").merge(REPO, pr.number);
    await sim.settle();
    expect(sim.pull(REPO, pr.number).pull.merged).toBe(true);
    expect(sim.deliveries.filter((d) => d.status !== 200).map((d) => `${d.event}.${d.action ?? ""} ${d.status}`)).toEqual([]);
  });

  it("an author in the security team approving their own pull request is not counted, and the summary says so", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    stack.sim.as("alice").review(REPO, pr.number, "APPROVE", "", { allowSelfApproval: true });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("action_required");
    expect(summary(run)).toContain("not counted: the author of the pull request, even though a member of the security team");
  });

  it("emergency change with one emergency approval passes and opens exactly one review record, even on redelivery and recheck", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const pr = await approvedEmergencyChange(stack);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    const reviews = () => [...sim.core.store.repoByName(REPO).issues.values()].filter((i) => !i.pull && i.labels.includes("ims:post-incident-review"));
    expect(reviews()).toHaveLength(1);
    const record = reviews()[0]!;
    expect(record.labels).toContain("ims:problem");
    expect(record.body).toContain("**Due: 2026-03-07**");
    expect(record.body).toContain(`${REPO}#${pr.number}`);
    expect(sim.comments(REPO, pr.number).some((c) => c.body.includes(`#${record.number}`))).toBe(true);
    for (const d of sim.deliveries.filter((x) => x.event === "pull_request_review")) sim.redeliver(d.id);
    sim.as("bob").comment(REPO, pr.number, "/ims recheck");
    await sim.settle();
    expect(reviews()).toHaveLength(1);
  });

  it("a broken .github/ims.yml fails the check closed with the config error", async () => {
    stack = await changeStack({ config: "change:\n  invalidateOnPush: sometimes\n" });
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("`change.invalidateOnPush`");
  });
});
