import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { T0 } from "../helpers/incident-stack.js";

const REPO = "acme/api";
const dependabotRecords = (stack: Stack) => {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    try {
      if (stack.sim.issue(REPO, n).labels.includes("source:dependabot")) out.push(n);
    } catch {
      return out;
    }
  }
};

describe("grouped Dependabot records (alerts.group) close only when no alert of the group is open (issue 13)", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ now: T0 });
    stack.sim.createOrg("acme", { members: ["sec1"] });
    stack.sim.createRepo({ owner: "acme", name: "api", files: { ".github/ims.yml": "alerts:\n  group: true\n" } });
    seedAppLabels(stack.sim, REPO);
    stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "security", members: ["sec1"] }));
  });
  afterEach(async () => stack.stop());

  it("keeps the package's record open when one of its two alerts is fixed, and closes it when the other is dismissed with a reason", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/lodash" });
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/lodash" });
    // another package's alert is a record of its own and does not hold the group open
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/express" });
    await sim.settle();
    const recs = dependabotRecords(stack);
    expect(recs).toHaveLength(2);
    const lodash = recs.find((n) => sim.issue(REPO, n).body!.includes("lodash"))!;
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, lodash).state).toBe("open");
    expect(sim.issue(REPO, lodash).body).toContain("#2");
    sim.as("sec1").changeAlert(REPO, "dependabot", 2, { action: "dismissed", reason: "tolerable_risk", comment: "dev-only dependency" });
    await sim.settle();
    expect(sim.issue(REPO, lodash).state).toBe("closed");
  });

  it("reopens a grouped record a person closed while an alert of its package and severity is still open", async () => {
    const { sim } = stack;
    sim.setPermission(REPO, "sec1", "triage");
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/lodash" });
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: "npm/lodash" });
    await sim.settle();
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    const [n] = dependabotRecords(stack);
    sim.as("sec1").close(REPO, n!);
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("open");
    expect(sim.comments(REPO, n!).find((c) => c.body.includes("closed this record by hand"))?.body).toMatch(/alert \[#2\]\S+ is still \*\*open\*\*/);
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 2, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
  });
});
