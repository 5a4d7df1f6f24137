import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { CHECK, REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

describe("red team: a required check any workflow can satisfy", () => {
  it("the evidence says when the requirement is not pinned to this app (a workflow job of the same name would satisfy it)", async () => {
    stack = await changeStack();
    stack.sim.protectBranch(REPO, "main", [CHECK]); // the simulator's requirement, like a plain context, accepts any source
    stack.sim.setAppAdministration(REPO, true);
    const pr = openChange(stack);
    await stack.sim.settle();
    expect(summary(checkOf(stack, pr.number))).toContain("yes, by branch protection");
    expect(summary(checkOf(stack, pr.number))).toContain("from any source");
  });
});
