import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { LABELS } from "../../src/records/labels.js";
import { form } from "../helpers/incident-stack.js";
import { fileAt, newOrg, onboardingPulls, REPO, T0 } from "./helpers.js";

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ now: T0 });
  newOrg(stack);
});
afterEach(async () => stack.stop());

describe("installing the app sets a new repository up", () => {
  it("labels first, then one onboarding pull request with the forms, the template and a short config, naming the missing teams; merged, a person's form incident is classified; a second installation opens no second pull request", async () => {
    const { sim } = stack;
    expect(sim.labels(REPO)).toEqual([]);
    sim.installApp();
    await sim.settle();

    // every label the app and its forms use, with its colour and description
    const labels = sim.core.store.repoByName(REPO).labels;
    for (const spec of LABELS) expect([...labels.values()].find((l) => l.name === spec.name), spec.name).toMatchObject({ color: spec.color, description: spec.description });

    const [pr, ...others] = onboardingPulls(stack);
    expect(others).toEqual([]);
    expect(pr).toMatchObject({ state: "open", user: sim.botLogin });
    const branch = "ims-bot/onboarding";
    for (const path of [".github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/security-event.yml", ".github/ISSUE_TEMPLATE/problem.yml", ".github/ISSUE_TEMPLATE/change.yml", ".github/ISSUE_TEMPLATE/config.yml", ".github/pull_request_template.md", ".github/ims.yml"]) {
      expect(fileAt(stack, REPO, branch, path), path).toBeDefined();
      expect(pr!.body).toContain(`\`${path}\``);
    }
    expect(fileAt(stack, REPO, branch, ".github/ims.yml")).toMatch(/security:\n {2}team: security/);
    // security exists; management, service-desk and emergency-approvers do not, each with how to create it
    expect(pr!.body).toContain("✅ `security`");
    expect(pr!.body).toMatch(/❌ `management` \(`major.team`, `escalation.levels\[1\].team`\) does \*\*not\*\* exist in `acme`: create it at https:\/\/github.com\/orgs\/acme\/new-team/);
    expect(pr!.body).toContain("❌ `service-desk`");
    expect(pr!.body).toContain("Settings → Rules → Rulesets");
    expect(pr!.body).toContain("IMS / change control");

    sim.as(sim.adminLogin).merge(REPO, pr!.number);
    await sim.settle();
    const incident = sim.as("alice").fileForm(REPO, "incident.yml", { title: "Checkout down", body: form("High", "High") });
    await sim.settle();
    expect(sim.labels(REPO, incident.number)).toEqual(expect.arrayContaining(["ims:incident", "priority:P1"]));

    sim.installApp();
    await sim.settle();
    expect(onboardingPulls(stack)).toHaveLength(1);
  });
});
