import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { botComments, card, form, MIN, REPO, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

const failed = () => stack.sim.deliveries.filter((d) => d.status >= 400);

describe("an assessment label set directly, not by the security team", () => {
  it("is removed, the claim stays a security event for the team, and the person is told why", async () => {
    const { sim } = stack;
    const i = sim.as("alice").openIssue(REPO, { title: "Odd logins", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(MIN);
    sim.as("tom").addLabels(REPO, i.number, ["security:incident"]); // tom: triage, not in `security`
    await sim.settle();

    expect(failed()).toEqual([]);
    const labels = sim.labels(REPO, i.number);
    expect(labels).not.toContain("security:incident");
    expect(labels).toContain("security:event");
    expect(card(stack, i.number)).not.toContain("assessed by");
    expect(card(stack, i.number)).toContain("routed to");
    const notice = botComments(stack, i.number).filter((c) => c.body.includes("Removed `security:incident`"));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toContain("@tom is not an active member of `security`");
  });

  it("counts when an active member of the security team sets it", async () => {
    const { sim } = stack;
    const i = sim.as("alice").openIssue(REPO, { title: "Odd logins", body: form("High", "High", "payments-api", ["Confidentiality"]), labels: ["ims:incident", "security:event"] });
    await sim.settle();
    sim.clock.advance(MIN);
    sim.as("sec1").addLabels(REPO, i.number, ["security:not-incident"]);
    await sim.settle();
    expect(sim.labels(REPO, i.number)).toContain("security:not-incident");
    expect(card(stack, i.number)).toContain("assessed by `security` as not an information security incident");
    expect(botComments(stack, i.number).filter((c) => c.body.includes("Removed `security:"))).toEqual([]);
  });

  it("is not taken from a new issue opened with it by someone outside the team; a redelivery changes nothing more", async () => {
    const { sim } = stack;
    const i = sim.as("bob").openIssue(REPO, { title: "Breach?", body: form("High", "High", "payments-api", ["Confidentiality"]), labels: ["ims:incident", "security:incident"] });
    await sim.settle();
    expect(sim.labels(REPO, i.number)).toEqual(expect.arrayContaining(["security:event"]));
    expect(sim.labels(REPO, i.number)).not.toContain("security:incident");
    const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const before = sim.comments(REPO, i.number).length;
    sim.redeliver(opened.id);
    await sim.settle();
    expect(sim.comments(REPO, i.number)).toHaveLength(before);
    expect(failed()).toEqual([]);
  });
});
