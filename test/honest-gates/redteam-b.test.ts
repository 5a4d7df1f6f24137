import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, approvedChangeLinking, changeStack, extraRepo, recordElsewhere, checkOf, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

/** A change PR by alice linking `link`, approved by sec1 (of the security team). */
const approvedChange = (link: string, opts: { head?: string } = {}) => approvedChangeLinking(stack, link, opts.head ? { head: opts.head } : {});

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

  it("a second Risk heading written with hidden markup (R<!-- -->isk) cannot leave the gate reading only the first, lower one", async () => {
    stack = await changeStack();
    // the reader sees two Risk headings, Low and High; the gate must not read Low alone
    const body = ["### Risk", "", "Low", "", "### R<!-- -->isk", "", "High", "", "### Rollback plan", "", "Revert.", "", "### Test plan", "", "Staging."].join("\n");
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body, labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("appears more than once");
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

describe("red team B: a change record's edits reach every passing change that links it", () => {
  it("twenty pull requests in another repository linking the record first cannot keep a passing change from seeing the record closed", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const ref = await recordElsewhere(stack);
    extraRepo(stack, "api", ["alice"]);
    // anyone who can open pull requests in one of the owner's repositories fills the re-evaluation bound first
    sim.quietly(() => {
      for (let i = 0; i < 20; i++) sim.as("alice").openPullRequest("acme/api", { title: `filler ${i}`, head: `filler-${i}`, body: `Change: ${ref}`, files: { [`f${i}.md`]: "x\n" } });
    });
    const pr = await approvedChange(ref);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    sim.as("bob").close("acme/changes", 1);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, pr.number))).toContain("closed");
  });
  it("three hundred comments on a record in another repository cannot keep a passing change from seeing the record closed", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const ref = await recordElsewhere(stack);
    // anyone who can comment pushes the change's cross-reference past the part of the timeline read
    sim.quietly(() => {
      for (let i = 0; i < 300; i++) sim.as("erin").comment("acme/changes", 1, `+1 (${i})`);
    });
    const pr = await approvedChange(ref);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    sim.as("bob").close("acme/changes", 1);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, pr.number))).toContain("closed");
  });
});

describe("red team B: labels lowered in a clever order are still guarded", () => {
  it("taking ims:change off a change record, removing risk:high, and putting ims:change back cannot lower the change's risk", async () => {
    stack = await changeStack();
    const { sim } = stack;
    sim.as("sec1").addLabels(REPO, 1, ["risk:high"]);
    await sim.settle();
    const pr = await approvedChange("#1");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success"); // high risk: a second approval is needed

    sim.as("bob").removeLabel(REPO, 1, "ims:change");
    await sim.settle();
    sim.as("bob").removeLabel(REPO, 1, "risk:high");
    await sim.settle();
    sim.as("bob").addLabels(REPO, 1, ["ims:change"]);
    await sim.settle();
    expect(sim.labels(REPO, 1)).toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });

  it("closing a change pull request, removing risk:high, and reopening it cannot lower its risk", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const pr = await approvedChange("#1");
    sim.as("sec2").addLabels(REPO, pr.number, ["risk:high"]);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");

    sim.as("bob").close(REPO, pr.number);
    await sim.settle();
    sim.as("bob").removeLabel(REPO, pr.number, "risk:high");
    await sim.settle();
    sim.as("bob").reopen(REPO, pr.number);
    await sim.settle();
    expect(sim.labels(REPO, pr.number)).toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });

  it("the author, even a member of the security team, cannot lower the risk of their own pull request", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const pr = await approvedChange("#1"); // by alice, who is in the security team
    sim.as("sec2").addLabels(REPO, pr.number, ["risk:high"]);
    await sim.settle();
    sim.as("alice").removeLabel(REPO, pr.number, "risk:high");
    await sim.settle();
    expect(sim.labels(REPO, pr.number)).toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    expect(sim.comments(REPO, pr.number).some((c) => c.user === sim.botLogin && c.body.includes("@alice is the author"))).toBe(true);
  });
});
