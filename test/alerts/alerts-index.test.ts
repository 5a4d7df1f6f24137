import { describe, expect, it } from "vitest";
import { alertMarker } from "../../src/alerts/decide.js";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, useIncidentStack } from "../helpers/incident-stack.js";

/** Issues (not closed as duplicates) whose body carries the alert's marker. */
const carrying = (stack: Stack, key: string): number[] =>
  [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.stateReason !== "not_planned" && (i.body ?? "").includes(alertMarker(key))).map((i) => i.number);
const issueLists = (stack: Stack) => stack.sim.requestCounts((r) => r.actor === stack.sim.botLogin && r.route === "GET /repos/{owner}/{repo}/issues");
const searches = (stack: Stack) => stack.sim.requestCounts((r) => r.actor === stack.sim.botLogin && r.route.startsWith("GET /search/"));

describe("an alert's record is remembered in the store, and found again when the remembered issue is gone (issue 13)", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("finds the record of a changed alert by the issue it remembers: one read, no list of the records and no search", async () => {
    const { sim } = stack;
    for (let i = 0; i < 2; i++) sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "high", package: `npm/p${i}` });
    await sim.settle();
    const [n] = carrying(stack, "dependabot:2");
    sim.resetRequestLog();
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 2, { action: "fixed" });
    await sim.settle();
    expect(sim.issue(REPO, n!).state).toBe("closed");
    expect(issueLists(stack)).toEqual({});
    expect(searches(stack)).toEqual({});
    expect(carrying(stack, "dependabot:2")).toEqual([n]);
  });

  it("opens a new record when the remembered one was deleted (410 Gone), and one only", async () => {
    const { sim } = stack;
    sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash" });
    await sim.settle();
    const [first] = carrying(stack, "dependabot:1");
    sim.as("org-admin").deleteIssue(REPO, first!);
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
    await sim.settle();
    const [second] = carrying(stack, "dependabot:1");
    expect(second).not.toBe(first);
    expect(sim.issue(REPO, second!).state).toBe("closed");
    expect(sim.issue(REPO, second!).body).toContain("**Status:** fixed");
    // the new record is remembered in turn: the next change reads it, lists nothing
    sim.resetRequestLog();
    sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "reintroduced" });
    await sim.settle();
    expect(sim.issue(REPO, second!).state).toBe("open");
    expect(issueLists(stack)).toEqual({});
    expect(carrying(stack, "dependabot:1")).toEqual([second]);
  });

  it("does not trust a remembered issue that no longer carries the alert's marker: the records are listed and the alert gets a record of its own", async () => {
    const { sim } = stack;
    sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: "high" });
    await sim.settle();
    const [first] = carrying(stack, "code-scanning:1");
    // a person rewrites the record into something else, and the edit's delivery is lost (a person's
    // edit that reaches the app is put back: test/honest-gates/redteam-alerts.test.ts)
    sim.quietly(() => sim.as("bob").editIssue(REPO, first!, { body: "Tracking the SQL work here instead." }));
    await sim.settle();
    sim.resetRequestLog();
    sim.as("sec1").changeAlert(REPO, "code-scanning", 1, { action: "dismissed", reason: "false positive", comment: "input is a constant" });
    await sim.settle();
    expect(issueLists(stack)).not.toEqual({});
    const [second] = carrying(stack, "code-scanning:1");
    expect(second).not.toBe(first);
    expect(sim.issue(REPO, second!).state).toBe("closed");
    expect(sim.issue(REPO, first!).body).toBe("Tracking the SQL work here instead.");
  });
});
