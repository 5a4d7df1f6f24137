import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack?.stop());

const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";
const compares = () => stack.sim.requestCounts()[COMPARE] ?? 0;

async function mainMoves(text: string): Promise<void> {
  stack.sim.as("erin").push(REPO, "main", [{ message: `main: ${text}`, files: { "README.md": `# web, ${text}\n` } }]);
  await stack.sim.settle();
}

describe("proofs that a merge brings only the target are kept per merge commit", () => {
  it("a second Update branch proves only its own merge: the first one is not compared again, and the approval still holds", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    await mainMoves("v2");
    stack.sim.resetRequestLog();
    stack.sim.as("alice").updateBranch(REPO, pr.number);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    const first = compares();
    expect(first).toBe(3);
    await mainMoves("v3");
    stack.sim.resetRequestLog();
    stack.sim.as("alice").updateBranch(REPO, pr.number);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    expect(compares()).toBe(3);
  });

  it("an edit of the pull request after a target merge compares nothing again", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await mainMoves("v2");
    stack.sim.as("alice").updateBranch(REPO, pr.number);
    await stack.sim.settle();
    stack.sim.resetRequestLog();
    stack.sim.as("alice").editPullRequest(REPO, pr.number, { body: "Rotate it, with the latest main.\n\nChange: #1" });
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    expect(compares()).toBe(0);
  });
});

describe("a failed compare proves nothing and is not kept", () => {
  it("a target merge whose compare failed keeps no approval, and the next evaluation compares again and keeps it", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await mainMoves("v2");
    stack.sim.failNext(COMPARE, 502, 1);
    stack.sim.as("alice").updateBranch(REPO, pr.number);
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
    stack.sim.resetRequestLog();
    stack.sim.as("alice").editPullRequest(REPO, pr.number, { body: "Rotate it, with the latest main.\n\nChange: #1" });
    await stack.sim.settle();
    expect(compares()).toBe(3);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  });
});
