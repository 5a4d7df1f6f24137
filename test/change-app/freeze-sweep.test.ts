import { afterEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";
import { sweepNow } from "../helpers/incident-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

const FREEZE = 'change:\n  freezes:\n    - { from: "2026-03-02T12:00", to: "2026-03-02T18:00", timeZone: UTC, reason: "quarter-end close" }\n';

it("a change that passed before a freeze fails once the freeze starts (at the next sweep) and passes again after it ends", async () => {
  stack = await changeStack({ config: FREEZE });
  const { sim } = stack;
  const pr = openChange(stack);
  sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await sim.settle();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success"); // 09:00, before the freeze

  const sweep = () => sweepNow(stack, REPO);
  await sweep(); // nothing in force yet: no pull request is read again
  sim.clock.set("2026-03-02T12:03:00Z");
  await sweep();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
  expect(summary(checkOf(stack, pr.number))).toContain("quarter-end close");

  sim.resetRequestLog();
  sim.clock.set("2026-03-02T12:08:00Z");
  await sweep(); // same freeze still in force: the pull requests are not read again
  expect(sim.requestLog.filter((r) => r.actor === sim.botLogin && r.route === "GET /repos/{owner}/{repo}/pulls/{pull_number}")).toHaveLength(0);

  sim.clock.set("2026-03-02T18:04:00Z");
  await sweep();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
});
