import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, botComments, form, useIncidentStack } from "../helpers/incident-stack.js";

describe("a team-bound command when the app may not read the team", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("answers /ims assess with what is wrong (HTTP 403, Members: read) and changes nothing, instead of failing silently", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Odd logins", body: form("Medium", "Medium", "auth"), labels: ["ims:incident", "security:event"] });
    await sim.settle();
    const labelsBefore = [...sim.labels(REPO, issue.number)].sort();
    sim.failNext("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", 403, 1, { retryAfter: null, message: "Resource not accessible by integration" });
    const c = sim.as("sec1").comment(REPO, issue.number, "/ims assess incident");
    await sim.settle();
    const reply = botComments(stack, issue.number).find((x) => x.body.includes(`ims-reply to=${c.id}`))?.body ?? "";
    expect(reply).toContain("HTTP 403");
    expect(reply).toContain("Members: read");
    expect(reply).toContain("Nothing was changed");
    expect([...sim.labels(REPO, issue.number)].sort()).toEqual(labelsBefore);
  });
});
