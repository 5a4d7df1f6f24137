import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, checkOf, openChange, REPO, summary } from "../helpers/change-stack.js";
import { riskForm } from "../helpers/risk-stack.js";

let stack: Stack;
beforeEach(async () => {
  stack = await changeStack({ config: "change:\n  requireRiskRecord: true\n" });
});
afterEach(async () => stack.stop());

/** A high-risk normal change by alice with `body`, approved by sec1 and erin: only the risk record can fail it. */
async function highRiskChange(body: string) {
  const pr = openChange(stack, { body, labels: ["ims:change", "risk:high"] });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  stack.sim.as("erin").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  const run = checkOf(stack, pr.number)!;
  // the summary is Markdown: `#` and `*` come escaped
  return { run, text: summary(run).replace(/\\/g, ""), number: pr.number };
}
const openRisk = async (repo = REPO, actor = "bob") => {
  const issue = stack.sim.as(actor).openIssue(repo, { title: "[Risk] certificate expiry", body: riskForm({ treatment: "mitigate" }), labels: ["ims:risk"] });
  await stack.sim.settle();
  return issue.number;
};

describe("a high-risk change must link an open risk record (change.requireRiskRecord)", () => {
  it("a `Risk:` link to an issue that is not an ims:risk record (the change record itself) does not pass", async () => {
    const { run, text } = await highRiskChange("Rotate it.\n\nChange: #1\nRisk: #1");
    expect(run.conclusion).toBe("failure");
    expect(text).toContain("#1: labelled ims:change, so it is a change, not a risk record");
  });

  it("a closed risk record does not pass: it is no longer in the register", async () => {
    const n = await openRisk();
    stack.sim.as("bob").close(REPO, n);
    await stack.sim.settle();
    const { run, text } = await highRiskChange(`Rotate it.\n\nChange: #1\nRisk: #${n}`);
    expect(run.conclusion).toBe("failure");
    expect(text).toContain(`#${n}: closed`);
  });

  it("a risk record in another owner's repository (anyone can label an issue ims:risk there) does not pass", async () => {
    stack.sim.createOrg("evil", { members: ["alice"] });
    stack.sim.createRepo({ owner: "evil", name: "risks", files: { "README.md": "# risks\n" } });
    stack.sim.as("alice").openIssue("evil/risks", { title: "[Risk] fine", body: riskForm(), labels: ["ims:risk"] });
    await stack.sim.settle();
    const { run, text } = await highRiskChange("Rotate it.\n\nChange: #1\nRisk: evil/risks#1");
    expect(run.conclusion).toBe("failure");
    expect(text).toContain("evil/risks#1: could not be read (it is outside acme");
  });

  it("a `Risk:` link hidden in an HTML comment or a code span is not a link", async () => {
    const n = await openRisk();
    const { run, text } = await highRiskChange(`Rotate it.\n\nChange: #1\n<!-- Risk: #${n} -->\n\`Risk: #${n}\``);
    expect(run.conclusion).toBe("failure");
    expect(text).toContain("risk record required");
    expect(text).not.toContain(`treated in #${n}`);
  });

  it("a risk record closed after the change passed: a re-run of the check fails it", async () => {
    const n = await openRisk();
    const { run, number } = await highRiskChange(`Rotate it.\n\nChange: #1\nRisk: #${n}`);
    expect(run.conclusion).toBe("success");
    stack.sim.as("bob").close(REPO, n);
    await stack.sim.settle();
    // any re-evaluation (an edit, a push, /ims recheck) reads the risk as GitHub holds it now
    stack.sim.as("alice").editPullRequest(REPO, number, { body: `Rotate it.\n\nChange: #1\nRisk: #${n}\n` });
    await stack.sim.settle();
    expect(checkOf(stack, number)?.conclusion).toBe("failure");
  });
});
