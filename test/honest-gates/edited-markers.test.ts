import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { reviewLinkMarker } from "../../src/change/review-record.js";
import { editedMarker, NOTICE } from "../../src/records/markers.js";
import { linkMarker } from "../../src/problems/links.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { MIN, REPO, botComments, card, form, sweepNow, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

/**
 * Anyone with write access can edit any comment, the app's too. The app's hidden markers (escalations,
 * notices, links, the card) must then say nothing: the app acts as if the edited comment were not there,
 * rewrites what it edits in place, and reports the edit once.
 */
describe("markers in the app's own comments that a person edited", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  const cardComment = (n: number) => botComments(stack, n).find((c) => c.body.startsWith("<!-- ims-card -->"))!;
  const notices = (n: number) => botComments(stack, n).filter((c) => c.body.includes("<!-- ims-notice edited comment="));

  it("an escalation marker a writer adds to the app's card does not stop the escalation to management at the breach", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(12 * MIN);
    await sweepNow(stack);
    expect(withMarker(stack, issue.number, escalationMarker("resolver team"))).toHaveLength(1);
    // the app edited its own card (sla:at-risk): its own edits are no one's tampering
    expect(notices(issue.number)).toHaveLength(0);

    const forged = cardComment(issue.number);
    sim.clock.advance(MIN);
    sim.as("bob").editComment(REPO, forged.id, `${forged.body}\n${escalationMarker("management")}`);
    await sim.settle();
    sim.clock.advance(4 * 60 * MIN);
    await sweepNow(stack);
    await sweepNow(stack);

    const mentions = withMarker(stack, issue.number, escalationMarker("management")).filter((c) => c.id !== forged.id);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.body).toContain("@acme/management");
    expect(sim.labels(REPO, issue.number)).toContain("escalation:hierarchical");
    // the card is rewritten from what GitHub shows (the forged marker is gone), and the edit reported once
    expect(card(stack, issue.number)).not.toContain(escalationMarker("management"));
    expect(withMarker(stack, issue.number, editedMarker(forged.id))).toHaveLength(1);
    expect(notices(issue.number)).toHaveLength(1);
  });

  it("an escalation comment edited within the same second the app wrote it is not believed either (the app remembers what it wrote)", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(12 * MIN);
    await sweepNow(stack);
    const resolver = withMarker(stack, issue.number, escalationMarker("resolver team"))[0]!;
    // GitHub's updated_at has whole seconds: this edit leaves it equal to created_at
    sim.as("bob").editComment(REPO, resolver.id, `${resolver.body}\n${escalationMarker("management")}`);
    expect(sim.comments(REPO, issue.number).find((c) => c.id === resolver.id)!.updatedAt).toBe(resolver.createdAt);
    await sim.settle();
    sim.clock.advance(4 * 60 * MIN);
    await sweepNow(stack);

    const mentions = withMarker(stack, issue.number, escalationMarker("management")).filter((c) => c.id !== resolver.id);
    expect(mentions).toHaveLength(1);
    expect(withMarker(stack, issue.number, editedMarker(resolver.id))).toHaveLength(1);
  });

  it("a security-routing notice marker a writer adds to the card does not stop routing a later security event to the security team", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Odd logins", body: form("Medium", "Medium", "auth"), labels: ["ims:incident"] });
    await sim.settle();
    expect(withMarker(stack, issue.number, NOTICE.securityRouted)).toHaveLength(0);
    const forged = cardComment(issue.number);
    sim.clock.advance(MIN);
    sim.as("bob").editComment(REPO, forged.id, `${forged.body}\n${NOTICE.securityRouted}`);
    await sim.settle();
    sim.as("tom").addLabels(REPO, issue.number, ["security:event"]);
    await sim.settle();

    const routed = withMarker(stack, issue.number, NOTICE.securityRouted).filter((c) => c.id !== forged.id);
    expect(routed).toHaveLength(1);
    expect(routed[0]!.body).toContain("@acme/security");
    expect(withMarker(stack, issue.number, editedMarker(forged.id))).toHaveLength(1);
  });

  it("an edit of the app's card is reported and undone at once, without waiting for the next event or sweep", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    const forged = cardComment(issue.number);
    const before = forged.body;
    sim.clock.advance(MIN);
    sim.as("bob").editComment(REPO, forged.id, `${before}\n${escalationMarker("management")}`);
    await sim.settle();
    expect(withMarker(stack, issue.number, editedMarker(forged.id))).toHaveLength(1);
    expect(card(stack, issue.number)).not.toContain(escalationMarker("management"));
    // the app's rewrite of its card is its own edit: reported no more, whatever comes next
    sim.as("tom").addLabels(REPO, issue.number, ["needs-triage"]);
    await sim.settle();
    expect(notices(issue.number)).toHaveLength(1);
  });

  it("a link marker a writer adds to the card links nothing", async () => {
    const { sim } = stack;
    const other = sim.as("alice").openIssue(REPO, { title: "Unrelated", body: "x" });
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout slow", body: form("Medium", "Medium"), labels: ["ims:incident"] });
    await sim.settle();
    const forged = cardComment(issue.number);
    sim.clock.advance(MIN);
    sim.as("bob").editComment(REPO, forged.id, `${forged.body}\n${linkMarker("problem", other.number)}`);
    await sim.settle();
    sim.as("tom").addLabels(REPO, issue.number, ["needs-triage"]);
    await sim.settle();
    expect(card(stack, issue.number)).not.toContain(`#${other.number}`);
    expect(card(stack, issue.number)).not.toContain(linkMarker("problem", other.number));
    expect(withMarker(stack, issue.number, editedMarker(forged.id))).toHaveLength(1);
  });
});

describe("the review-record link on an emergency change that a person edited", () => {
  it("is not believed: the record is found again by its own marker, linked afresh, never opened twice, and the edit reported", async () => {
    const { changeStack, approvedEmergencyChange, checkOf } = await import("../helpers/change-stack.js");
    const stack = await changeStack();
    try {
      const { sim } = stack;
      const pr = await approvedEmergencyChange(stack);
      expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
      const records = () => [...sim.core.store.repoByName(REPO).issues.values()].filter((i) => !i.pull && i.labels.includes("ims:post-incident-review"));
      expect(records()).toHaveLength(1);
      const record = records()[0]!.number;
      const link = sim.comments(REPO, pr.number).find((c) => c.user === sim.botLogin && c.body.includes(reviewLinkMarker(record)))!;
      sim.clock.advance(MIN);
      sim.as("bob").editComment(REPO, link.id, link.body.replace(reviewLinkMarker(record), reviewLinkMarker(1)));
      await sim.settle();
      sim.as("dave").comment(REPO, pr.number, "/ims recheck");
      await sim.settle();

      expect(records()).toHaveLength(1);
      const links = sim.comments(REPO, pr.number).filter((c) => c.user === sim.botLogin && c.id !== link.id && c.body.includes("<!-- ims-pir-link"));
      expect(links.map((c) => c.body.match(/record=(\d+)/)?.[1])).toEqual([String(record)]);
      expect(sim.comments(REPO, pr.number).filter((c) => c.body.includes(editedMarker(link.id)))).toHaveLength(1);
      expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    } finally {
      await stack.stop();
    }
  });
});

describe("the deployment note a person edited", () => {
  it("an incident number a writer puts in a change's deployment note does not stop the incident for its failed deployment", async () => {
    const { deploy, deployStack, mergedChange } = await import("../deploy/helpers.js");
    const stack = await deployStack("  incidentOnFailure: true\n");
    try {
      const { sim } = stack;
      const pr = await mergedChange(stack, { method: "squash" });
      const d = await deploy(stack);
      expect(d.gate?.state).toBe("approved");
      sim.as("alice").finishDeployJob(REPO, d.deployment.id, "success");
      await sim.settle();
      const note = sim.comments(REPO, pr).find((c) => c.user === sim.botLogin && c.body.startsWith("<!-- ims-deployments"))!;
      expect(note.body).toContain('"incident":null');
      sim.clock.advance(MIN);
      sim.as("bob").editComment(REPO, note.id, note.body.replace('"incident":null', '"incident":1'));
      await sim.settle();
      // the same deployment fails later (a status after the job, as a health check reports it)
      sim.as("erin").deploymentStatus(REPO, d.deployment.id, "failure");
      await sim.settle();

      const incidents = [...sim.core.store.repoByName(REPO).issues.values()].filter((i) => !i.pull && i.labels.includes("ims:incident"));
      expect(incidents).toHaveLength(1);
      const rewritten = sim.comments(REPO, pr).find((c) => c.id === note.id)!;
      expect(rewritten.body).toContain(`"incident":${incidents[0]!.number}`);
      expect(sim.comments(REPO, pr).filter((c) => c.body.includes(editedMarker(note.id)))).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  });
});

describe("the review record whose description a person edited", () => {
  it("a due date a writer pushes out in the record's body does not stop the overdue escalation of an emergency change's review", async () => {
    const { changeStack, approvedEmergencyChange } = await import("../helpers/change-stack.js");
    const { OVERDUE_LEVEL } = await import("../../src/change/overdue-reviews.js");
    const stack = await changeStack();
    try {
      const { sim } = stack;
      await approvedEmergencyChange(stack);
      const record = [...sim.core.store.repoByName(REPO).issues.values()].find((i) => !i.pull && i.labels.includes("ims:post-incident-review"))!;
      expect(record.body).toMatch(/due=\d{4}-/);
      sim.clock.advance(MIN);
      sim.as("bob").editIssue(REPO, record.number, { body: (record.body ?? "").replace(/due=\d{4}-\d\d-\d\dT[0-9:.]+Z/, "due=2099-01-01T00:00:00.000Z").replace(/\*\*Due: [0-9-]+\*\*/, "**Due: 2099-01-01**") });
      await sim.settle();
      sim.clock.advance(6 * 24 * 60 * MIN);
      for (let i = 0; i < 2; i++) {
        sim.as("ops").dispatch(REPO, "ims-sweep");
        await sim.settle();
      }
      expect(sim.labels(REPO, record.number)).toContain("sla:breached");
      const escalations = sim.comments(REPO, record.number).filter((c) => c.user === sim.botLogin && c.body.includes(escalationMarker(OVERDUE_LEVEL)));
      expect(escalations).toHaveLength(1);
      expect(escalations[0]!.body).toContain("@acme/management");
      expect(sim.comments(REPO, record.number).filter((c) => c.user === sim.botLogin && c.body.includes("<!-- ims-notice edited body -->"))).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  });
});
