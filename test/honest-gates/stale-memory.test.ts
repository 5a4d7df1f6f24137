import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

describe("red team: a check run another instance changed", () => {
  it("an evaluation that remembers its own earlier result still corrects a success written meanwhile by another instance", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    const run = checkOf(stack, pr.number)!;
    expect(run.conclusion).toBe("action_required");
    // another instance of the app evaluated while an approval stood and wrote success on the same run;
    // the approval has since gone (dismissed, or the approver left the security team)
    run.conclusion = "success";
    run.output = { ...run.output, title: "Normal change (risk low) approved", summary: "approved by @sec1" };
    stack.sim.as("bob").comment(REPO, pr.number, "/ims recheck");
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
  });
});
