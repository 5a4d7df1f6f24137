import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, checkOf, openChange, summary } from "../helpers/change-stack.js";

let stack: Stack;
afterEach(async () => stack.stop());

describe("honest gates: the gate's config read from another repository", () => {
  it("a config that extends a plain file of another repository, which no gate protects there, fails closed instead of letting that repository's writers weaken this gate", async () => {
    stack = await changeStack({ config: "_extends: shared:ims-base.yml\n" });
    stack.sim.createRepo({ owner: "acme", name: "shared", files: { "ims-base.yml": "change:\n  paths: []\n" } });
    const pr = openChange(stack, { labels: [], body: "Rotate it." });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).toContain("acme/shared:ims-base.yml");
  });

  it("extending another repository's own .github/ims.yml (a gate file there) still works", async () => {
    stack = await changeStack({ config: "_extends: shared\n" });
    stack.sim.createRepo({ owner: "acme", name: "shared", files: { ".github/ims.yml": "change:\n  paths: [\"ops/**\"]\n" } });
    // ops/ is a change path only by the extended file
    const pr = openChange(stack, { labels: [], body: "Rotate it.", files: { "ops/deploy.sh": "y\n" } });
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.conclusion).toBe("failure");
    expect(summary(run)).not.toContain("acme/shared");
  });
});
