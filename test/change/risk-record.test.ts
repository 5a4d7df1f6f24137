import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { parseRiskLinks } from "../../src/change/links.js";
import { changeStack, checkOf, openChange, REPO, summary } from "../helpers/change-stack.js";
import { riskForm } from "../helpers/risk-stack.js";

const CONFIG = "change:\n  requireRiskRecord: true\n";
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** A high-risk normal change by alice linking `body`, approved by sec1 and (second approval) erin. */
async function highRiskChange(s: Stack, body: string) {
  const pr = openChange(s, { body, labels: ["ims:change", "risk:high"] });
  s.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  s.sim.as("erin").review(REPO, pr.number, "APPROVE");
  await s.sim.settle();
  return pr;
}

describe("change.requireRiskRecord, end to end through the simulator", () => {
  it("a high-risk normal change without a risk record fails saying so; linking an open ims:risk record passes it", async () => {
    stack = await changeStack({ config: CONFIG });
    const risk = stack.sim.as("bob").openIssue(REPO, { title: "[Risk] certificate expiry", body: riskForm({ treatment: "mitigate" }), labels: ["ims:risk"] });
    await stack.sim.settle();
    const pr = await highRiskChange(stack, "Rotate it.\n\nChange: #1");
    const failed = checkOf(stack, pr.number)!;
    expect(failed.conclusion).toBe("failure");
    expect(failed.output.title).toContain("risk record");
    expect(summary(failed)).toContain("risk record required: a normal change of high risk must link an open, assessed ims:risk record rated `high` or above with `Risk: #n`");

    stack.sim.as("alice").editPullRequest(REPO, pr.number, { body: `Rotate it.\n\nChange: #1\nRisk: #${risk.number}` });
    await stack.sim.settle();
    const passed = checkOf(stack, pr.number)!;
    expect(passed.conclusion).toBe("success");
    expect(summary(passed)).toContain(`treated in \\#${risk.number}`);
  });

  it("is off by default, and never asked of a change whose risk is not high", async () => {
    stack = await changeStack({ config: CONFIG });
    const low = openChange(stack, { body: "Rotate it.\n\nChange: #1" });
    stack.sim.as("sec1").review(REPO, low.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, low.number)?.conclusion).toBe("success");
    expect(summary(checkOf(stack, low.number))).not.toContain("risk record");
    await stack.stop();

    stack = await changeStack();
    const high = await highRiskChange(stack, "Rotate it.\n\nChange: #1");
    expect(checkOf(stack, high.number)?.conclusion).toBe("success");
    expect(summary(checkOf(stack, high.number))).not.toContain("risk record");
  });
});

describe("Risk: links in a pull-request body", () => {
  it("are read in the forms the change links take, outside code and comments, once each", () => {
    const body = "Risk: #4\n**Risk:** acme/ops#5\nRisk: https://github.com/acme/web/issues/4\n`Risk: #7`\n<!-- Risk: #8 -->\nrisky: #9\nRisk: https://evil.example/acme/web/issues/10";
    expect(parseRiskLinks(body, "acme/web").map((l) => `${l.repo}#${l.number}`)).toEqual(["acme/web#4", "acme/ops#5"]);
  });
});
