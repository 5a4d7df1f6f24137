import { afterEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, checkOf, openChange, RECORD, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

it("does not let a change record in another owner's repository turn a pull request into an emergency change", async () => {
  stack = await changeStack();
  const { sim } = stack;
  // mallory keeps a repository of her own, with a record labelled as an emergency change
  sim.createRepo({ owner: "mallory", name: "own" });
  sim.as("mallory").openIssue("mallory/own", { title: "totally approved", body: RECORD, labels: ["ims:change", "change:emergency"] });
  const pr = openChange(stack, { body: "Urgent.\n\nChange: mallory/own#1" });
  sim.as("dave").review("acme/web", pr.number, "APPROVE"); // dave is an emergency approver, not security
  await sim.settle();
  const run = checkOf(stack, pr.number);
  expect(run?.conclusion).toBe("failure");
  expect(run?.output.title).not.toContain("Emergency");
  expect(summary(run)).toContain("outside acme: a record in another owner's repository cannot approve a change here");
});
