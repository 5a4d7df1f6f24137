import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { T0, sweepNow } from "../helpers/incident-stack.js";

const REPO = "acme/api";
const records = (stack: Stack) => {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    try {
      if (stack.sim.issue(REPO, n).labels.some((l) => l.startsWith("source:"))) out.push(n);
    } catch {
      return out;
    }
  }
};

describe("the sweep picks up open alerts without a record, a bounded number at a time (issue 13)", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ now: T0 });
    stack.sim.createOrg("acme", { members: ["sec1"] });
    stack.sim.createRepo({ owner: "acme", name: "api", files: { ".github/ims.yml": "alerts:\n  perDelivery: 3\n" } });
    seedAppLabels(stack.sim, REPO);
    stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "security", members: ["sec1"] }));
  });
  afterEach(async () => stack.stop());

  it("opens at most alerts.perDelivery records a sweep for alerts whose webhooks were missed, and the rest on the next sweeps, never twice", async () => {
    const { sim } = stack;
    sim.quietly(() => {
      for (let i = 0; i < 5; i++) sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: `npm/p${i}` });
      sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", {});
    });
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(3);
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(6);
    await sweepNow(stack, REPO);
    expect(records(stack)).toHaveLength(6);
    expect(records(stack).map((n) => sim.issue(REPO, n).labels.find((l) => l.startsWith("source:"))).sort()).toEqual([...Array(5).fill("source:dependabot"), "source:secret-scanning"]);
  });

  it("without the alert permissions the feature is off: the sweep opens nothing and fails nothing else", async () => {
    const { sim } = stack;
    sim.quietly(() => sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical" }));
    sim.setGrantedPermissions({ issues: "write", pull_requests: "write", checks: "write", contents: "write", metadata: "read", members: "read" });
    await sweepNow(stack, REPO);
    expect(records(stack)).toEqual([]);
  });
});
