import { afterEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

/** The app read the pull request again after `act` (an evaluation ran). */
async function evaluates(act: () => void): Promise<boolean> {
  const { sim } = stack;
  sim.resetRequestLog();
  act();
  await sim.settle();
  return sim.requestLog.some((r) => r.actor === sim.botLogin && r.route === "GET /repos/{owner}/{repo}/pulls/{pull_number}");
}

it("re-evaluates on every trigger the issue names: labels, ready for review, reopen, an edited review", async () => {
  stack = await changeStack();
  const { sim } = stack;
  const pr = openChange(stack);
  await sim.settle();
  const review = sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await sim.settle();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");

  // A relevant label changes the requirements (high risk needs a second approval) ...
  expect(await evaluates(() => sim.as("erin").addLabels(REPO, pr.number, ["risk:high"]))).toBe(true);
  expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
  // (lowering the risk is the security team's decision, issue 8: a member removes it)
  expect(await evaluates(() => sim.as("sec2").removeLabel(REPO, pr.number, "risk:high"))).toBe(true);
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  // ... an unrelated one does not cost a single call.
  expect(await evaluates(() => sim.as("erin").addLabels(REPO, pr.number, ["documentation"]))).toBe(false);

  expect(await evaluates(() => sim.as("sec1").editReview(REPO, pr.number, review.id, "LGTM, checked the rollback"))).toBe(true);
  expect(await evaluates(() => sim.as("alice").close(REPO, pr.number))).toBe(false);
  expect(await evaluates(() => sim.as("alice").reopen(REPO, pr.number))).toBe(true);
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
});

it("evaluates a draft and again when it is marked ready for review", async () => {
  stack = await changeStack();
  const { sim } = stack;
  const draft = sim.as("alice").openPullRequest(REPO, { title: "WIP", head: "wip", body: "Change: #1", labels: ["ims:change"], draft: true, files: { "infra/main.tf": "d\n" } });
  await sim.settle();
  expect(checkOf(stack, draft.number)).toBeDefined();
  expect(await evaluates(() => sim.as("alice").readyForReview(REPO, draft.number))).toBe(true);
});
