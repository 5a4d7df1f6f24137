import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { NOTICE } from "../../src/records/markers.js";
import { REPO, form, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

describe("incident options and refusals, end to end", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("declares every P1 a major incident when major.autoForP1 is on, and tells management once", async () => {
    const { sim } = stack;
    sim.as("bob").putFile(REPO, ".github/ims.yml", "major:\n  autoForP1: true\n");
    const p1 = sim.as("alice").openIssue(REPO, { title: "All down", body: form("High", "High"), labels: ["ims:incident"] });
    const p3 = sim.as("alice").openIssue(REPO, { title: "Slow", body: form("Medium", "Medium"), labels: ["ims:incident"] });
    await sim.settle();
    expect(sim.labels(REPO, p1.number)).toContain("major-incident");
    expect(withMarker(stack, p1.number, NOTICE.majorNotified)).toHaveLength(1);
    expect(withMarker(stack, p1.number, NOTICE.majorNotified)[0]!.body).toContain("@acme/management");
    expect(sim.labels(REPO, p3.number)).not.toContain("major-incident");
  });

  it("refuses /ims major from someone below triage permission and changes nothing", async () => {
    const { sim } = stack;
    const i = sim.as("bob").openIssue(REPO, { title: "Down", body: form("High", "Medium"), labels: ["ims:incident"] });
    await sim.settle();
    sim.as("alice").comment(REPO, i.number, "/ims major");
    await sim.settle();
    expect(sim.labels(REPO, i.number)).not.toContain("major-incident");
    const reply = sim.comments(REPO, i.number).find((c) => c.body.includes("ims-reply"));
    expect(reply?.body).toContain("is for people with triage permission or higher");
    expect(reply?.body).toContain("Nothing was changed");
  });

  it("opens a post-incident review when a confirmed security incident is closed without one", async () => {
    const { sim } = stack;
    const i = sim.as("bob").openIssue(REPO, { title: "Leaked token", body: form("High", "Medium", "payments-api", ["Confidentiality"]), labels: ["ims:incident", "security:event"] });
    await sim.settle();
    sim.as("sec1").comment(REPO, i.number, "/ims assess incident");
    await sim.settle();
    expect(sim.labels(REPO, i.number)).toContain("security:incident");
    sim.as("tom").close(REPO, i.number);
    await sim.settle();
    const reviews = [...sim.core.store.repoByName(REPO).issues.values()].filter((x) => x.labels.includes("ims:post-incident-review"));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.title).toBe("Post-incident review: Leaked token");
  });

  it("assigns security events to the security team's members when security.assign is on", async () => {
    const { sim } = stack;
    sim.as("bob").putFile(REPO, ".github/ims.yml", "security:\n  assign: true\n");
    const i = sim.as("bob").openIssue(REPO, { title: "Odd login", body: form("Medium", "Low"), labels: ["ims:incident", "security:event"] });
    await sim.settle();
    expect(sim.issue(REPO, i.number).assignees).toEqual(["sec1"]);
  });
});
