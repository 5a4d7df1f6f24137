import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

describe("red team: a pull request that rewrites the gate's own config", () => {
  it("turning the security review off in .github/ims.yml is a change that needs the security review", async () => {
    stack = await changeStack();
    const pr = stack.sim.as("alice").openPullRequest(REPO, {
      title: "Tidy config",
      head: "tidy",
      body: "Small tidy-up.",
      files: { ".github/ims.yml": "change:\n  paths: []\n  securityReview:\n    required: false\n" },
    });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).not.toBe("neutral");
    expect(run?.conclusion).not.toBe("success");
  });

  it("a standard rule that covers the config file does not pre-approve a config change", async () => {
    stack = await changeStack({ config: "change:\n  standard:\n    - name: repo meta\n      paths: [\".github/**\"]\n" });
    const pr = stack.sim.as("alice").openPullRequest(REPO, {
      title: "Tidy config",
      head: "tidy",
      body: "Small tidy-up.",
      labels: ["ims:change", "change:standard"],
      files: { ".github/ims.yml": "change:\n  securityReview:\n    required: false\n" },
    });
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");
  });
});
