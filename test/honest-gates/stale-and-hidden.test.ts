import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { RECORD, REPO, approvedChangeLinking, changeStack, recordElsewhere, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

const record = (answers: { risk?: string; rollback?: string; test?: string; extra?: string }) =>
  [
    "### Risk",
    "",
    answers.risk ?? "Low",
    "",
    "### Rollback plan",
    "",
    answers.rollback ?? "Revert the PR.",
    "",
    "### Test plan",
    "",
    answers.test ?? "Staging, then smoke tests.",
    ...(answers.extra ? ["", answers.extra] : []),
  ].join("\n");

/** A change PR by alice linking `link`, approved by sec1 (of the security team). */
const approvedChange = (link: string, labels = ["ims:change"]) => approvedChangeLinking(stack, link, { labels });

describe("honest gates: no stale success", () => {
  it("editing a linked change record in another repository of the same owner cannot leave the change passing", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const ref = await recordElsewhere(stack);
    const pr = await approvedChange(ref);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    sim.as("bob").editIssue("acme/changes", 1, { body: record({ rollback: "_No response_" }) });
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, pr.number))).toContain("Rollback plan");
  });

  it("closing a linked change record in another repository of the same owner cannot leave the change passing", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const ref = await recordElsewhere(stack);
    const pr = await approvedChange(ref);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    sim.as("bob").close("acme/changes", 1);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, pr.number))).toContain("closed");
  });

  it("`Change: #N` naming an issue that is not labelled ims:change cannot pass as a change record", async () => {
    stack = await changeStack();
    stack.sim.as("bob").openIssue(REPO, { title: "Some issue", body: RECORD });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("not a change record");
  });

  it("an approver who leaves the security team no longer keeps the change passing", async () => {
    stack = await changeStack();
    const pr = await approvedChange("#1");
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    stack.sim.removeTeamMember("acme", "security", "sec1");
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });

  it("turning escalation.sweep off cannot switch off a change freeze", async () => {
    const config =
      'change:\n  freezes:\n    - { from: "2026-03-02T12:00", to: "2026-03-02T18:00", timeZone: UTC, reason: "quarter-end close" }\n' +
      "escalation:\n  sweep:\n    enabled: false\n";
    stack = await changeStack({ config });
    const { sim } = stack;
    const pr = await approvedChange("#1");
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

    const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store });
    await scheduler.tick();
    sim.clock.set("2026-03-02T12:03:00Z");
    await scheduler.tick();
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(summary(checkOf(stack, pr.number))).toContain("quarter-end close");
  });
});

describe("honest gates: answers must be visible", () => {
  it("a change-record answer that renders empty (entities, <br>, zero-width characters) cannot answer a field", async () => {
    stack = await changeStack();
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body: record({ rollback: "&nbsp;<br>\u200b&#8203;<p></p>" }), labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toMatch(/unanswered: .*Rollback plan/);
  });

  it("a change-record heading given twice cannot answer that field", async () => {
    stack = await changeStack();
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body: record({ extra: "### Rollback plan\n\nNone needed." }), labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("appears more than once");
  });

  it("hidden text in the Risk answer cannot make a high-risk change low risk", async () => {
    stack = await changeStack();
    // the reader sees "High"; a link reference definition (rendered as nothing) says low
    stack.sim.as("bob").openIssue(REPO, { title: "Rotate", body: record({ risk: "Hi&#8203;gh\n\n[low]: #" }), labels: ["ims:change"] });
    await stack.sim.settle();
    const pr = await approvedChange("#2");
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).not.toBe("success");
    expect(summary(run)).toMatch(/risk high/i);
  });
});

describe("honest gates: the gate's whole config is the gate", () => {
  const BASE = "change:\n  paths: [\"infra/**\"]\n";
  const files = { ".github/ims.yml": "_extends: web:.github/ims-base.yml\n", ".github/ims-base.yml": BASE };

  it("a pull request that edits a file .github/ims.yml extends cannot be a non-change", async () => {
    stack = await changeStack();
    stack.sim.quietly(() => {
      for (const [path, content] of Object.entries(files)) stack.sim.as("erin").putFile(REPO, path, content);
    });
    const pr = stack.sim.as("alice").openPullRequest(REPO, {
      title: "Tidy base config",
      head: "tidy",
      body: "Small tidy-up.",
      files: { ".github/ims-base.yml": "change:\n  paths: []\n  securityReview:\n    required: false\n" },
    });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).not.toBe("neutral");
    expect(run?.conclusion).not.toBe("success");
    expect(summary(run)).toContain(".github/ims-base.yml");
  });

  it("a standard rule covering a file .github/ims.yml extends cannot pre-approve editing it", async () => {
    stack = await changeStack();
    stack.sim.quietly(() => {
      stack.sim.as("erin").putFile(REPO, ".github/ims.yml", "_extends: web:.github/ims-base.yml\n");
      stack.sim.as("erin").putFile(REPO, ".github/ims-base.yml", 'change:\n  standard:\n    - name: repo meta\n      paths: [".github/ims-base.yml"]\n');
    });
    const pr = stack.sim.as("alice").openPullRequest(REPO, {
      title: "Tidy base config",
      head: "tidy",
      body: "Small tidy-up.",
      labels: ["ims:change", "change:standard"],
      files: { ".github/ims-base.yml": "change:\n  securityReview:\n    required: false\n" },
    });
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });
});

describe("honest gates: labels that lower a decision", () => {
  const botSaid = (n: number, text: string) => stack.sim.comments(REPO, n).some((c) => c.user === stack.sim.botLogin && c.body.includes(text));

  it("removing risk:high from a change pull request, by someone outside the security team, cannot lower its risk", async () => {
    stack = await changeStack();
    const pr = await approvedChange("#1", ["ims:change", "risk:high"]);
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success"); // high risk: a second approval is needed

    stack.sim.as("bob").removeLabel(REPO, pr.number, "risk:high");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, pr.number)).toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    expect(botSaid(pr.number, "@bob removed `risk:high`")).toBe(true);
  });

  it("removing change:normal so that a standard rule applies, by someone outside the security team, cannot make the change pre-approved", async () => {
    stack = await changeStack({ config: 'change:\n  standard:\n    - name: infra tweaks\n      paths: ["infra/**"]\n' });
    const pr = openChange(stack, { labels: ["ims:change", "change:normal"] });
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");

    stack.sim.as("bob").removeLabel(REPO, pr.number, "change:normal");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, pr.number)).toContain("change:normal");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    expect(botSaid(pr.number, "@bob removed `change:normal`")).toBe(true);
  });

  it("removing risk:high from a change record, by someone outside the security team, cannot lower the change's risk", async () => {
    stack = await changeStack();
    stack.sim.as("sec1").addLabels(REPO, 1, ["risk:high"]);
    await stack.sim.settle();
    const pr = await approvedChange("#1");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");

    stack.sim.as("bob").removeLabel(REPO, 1, "risk:high");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, 1)).toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    expect(botSaid(1, "@bob removed `risk:high`")).toBe(true);
  });

  it("removing security:incident, by someone outside the security team, cannot withdraw the assessment", async () => {
    stack = await changeStack();
    const incident = stack.sim.as("sec1").openIssue(REPO, { title: "Leaked token", body: "A token was posted in a public gist.", labels: ["ims:incident", "security:incident"] });
    await stack.sim.settle();
    stack.sim.as("bob").removeLabel(REPO, incident.number, "security:incident");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, incident.number)).toContain("security:incident");
    expect(botSaid(incident.number, "@bob removed `security:incident`")).toBe(true);
  });

  it("a member of the security team may lower the risk", async () => {
    stack = await changeStack();
    const pr = await approvedChange("#1", ["ims:change", "risk:high"]);
    stack.sim.as("sec2").removeLabel(REPO, pr.number, "risk:high");
    await stack.sim.settle();
    expect(stack.sim.labels(REPO, pr.number)).not.toContain("risk:high");
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  });
});
