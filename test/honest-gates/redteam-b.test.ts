import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { forgetCheckRuns } from "../../src/github/change-check.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../change-app/e2e-helpers.js";

let stack: Stack;
beforeEach(() => forgetCheckRuns());
afterEach(async () => stack?.stop());

/** A change PR by alice linking `link`, approved by sec1 (of the security team). */
async function approvedChange(link: string, opts: { head?: string } = {}) {
  const pr = openChange(stack, { body: `Rotate it.\n\nChange: ${link}`, ...(opts.head ? { head: opts.head } : {}) });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  return pr;
}

describe("red team B: a record's answers are the headings a reader sees", () => {
  it("a change-record heading hidden in an HTML comment cannot answer that field", async () => {
    stack = await changeStack();
    // the rendered issue shows Risk and Test plan only: the Rollback plan section is inside a comment
    const body = ["### Risk", "", "Low", "", "### Test plan", "", "Staging.", "", "<!--", "### Rollback plan", "", "Revert the PR.", "-->"].join("\n");
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body, labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toMatch(/unanswered: .*Rollback plan/);
  });

  it("a change-record heading inside a code block (a shorter fence does not close a longer one) cannot answer that field", async () => {
    stack = await changeStack();
    // CommonMark: a ``` line does not close a ```` fence, so the heading and its answer render as code
    const body = ["### Risk", "", "Low", "", "### Test plan", "", "````", "```", "### Rollback plan", "", "Revert the PR.", "````"].join("\n");
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body, labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toMatch(/unanswered: .*Rollback plan/);
  });

  it("a change record nested thousands of quotes deep cannot stall the evaluation and leave an earlier success standing", async () => {
    stack = await changeStack();
    const pr = await approvedChange("#1");
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    // 30,000 nested quotes render as no text at all; parsing them took seconds, and the evaluation failed
    const body = ["### Risk", "", "Low", "", "### Rollback plan", "", "> ".repeat(30_000), "", "### Test plan", "", "Staging."].join("\n");
    stack.sim.as("bob").editIssue(REPO, 1, { body });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("nests quotes more than 100 deep");
  });
});
