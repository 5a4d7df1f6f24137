import { afterEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";
import { sweepNow } from "../helpers/incident-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

const FREEZE = 'change:\n  freezes:\n    - { from: "2026-03-02T12:00", to: "2026-03-02T18:00", timeZone: UTC, reason: "quarter-end close" }\n';

/** An approved change pull request that passes at 09:00, then fails in the freeze after a sweep at 12:03. */
async function frozenChange(): Promise<number> {
  stack = await changeStack({ config: FREEZE });
  const { sim } = stack;
  const pr = openChange(stack);
  sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await sim.settle();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  await sweepNow(stack, REPO);
  sim.clock.set("2026-03-02T12:03:00Z");
  await sweepNow(stack, REPO);
  expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
  expect(summary(checkOf(stack, pr.number))).toContain("quarter-end close");
  return pr.number;
}

it("an instance that never saw a freeze start still evaluates the frozen change again when the freeze ends", async () => {
  const pr = await frozenChange();
  await stack.restartApp(); // a restart (or another replica): the new instance saw none of it
  stack.sim.clock.set("2026-03-02T18:04:00Z");
  await sweepNow(stack, REPO);
  expect(checkOf(stack, pr)?.conclusion).toBe("success");
});

it("an instance started after the freeze ended, while no instance looked, evaluates the frozen change again at its first sweep", async () => {
  const pr = await frozenChange();
  stack.sim.clock.set("2026-03-02T22:30:00Z");
  await stack.restartApp();
  await sweepNow(stack, REPO);
  expect(checkOf(stack, pr)?.conclusion).toBe("success");
});

it("a fresh instance's second sweep after the freeze ended does not read the pull requests again", async () => {
  const pr = await frozenChange();
  await stack.restartApp();
  stack.sim.clock.set("2026-03-02T18:04:00Z");
  await sweepNow(stack, REPO);
  expect(checkOf(stack, pr)?.conclusion).toBe("success");
  stack.sim.resetRequestLog();
  stack.sim.clock.set("2026-03-02T18:09:00Z");
  await sweepNow(stack, REPO);
  const { sim } = stack;
  expect(sim.requestLog.filter((r) => r.actor === sim.botLogin && r.route === "GET /repos/{owner}/{repo}/pulls/{pull_number}")).toHaveLength(0);
});
