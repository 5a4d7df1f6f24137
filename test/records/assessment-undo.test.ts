import { describe, expect, it } from "vitest";
import { claimedAssessments, planAssessmentUndo, undoneMarker } from "../../src/records/assessment-undo.js";

const issue = { owner: "acme", repo: "web", number: 7, labels: ["ims:incident", "Security:Incident"] };

describe("undoing an assessment label someone outside the team set", () => {
  it("claims only the label this event set, in any case, and only while the issue still has it", () => {
    expect(claimedAssessments(issue.labels, { action: "labeled", label: "security:incident" })).toEqual(["security:incident"]);
    expect(claimedAssessments(issue.labels, { action: "labeled", label: "ims:incident" })).toEqual([]);
    expect(claimedAssessments(["ims:incident"], { action: "labeled", label: "security:incident" })).toEqual([]);
    expect(claimedAssessments(issue.labels, { action: "opened", label: undefined })).toEqual(["security:incident"]);
  });

  it("plans the label off, a security:event on, and one notice per delivery that names the team", () => {
    const { plan, labels } = planAssessmentUndo(issue, ["security:incident"], { team: "sec", reason: "@mallory is not a member", delivery: "d1" });
    expect(plan.labels).toEqual({ add: ["security:event"], remove: ["Security:Incident"] });
    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0]!.marker).toBe(undoneMarker("d1", "security:incident"));
    expect(plan.comments[0]!.body).toContain("the `sec` team, and @mallory is not a member");
    expect(labels).toEqual(["ims:incident", "security:event"]);
  });

  it("adds no security:event when the issue has one, or when the claim was not-incident", () => {
    const withEvent = { ...issue, labels: ["security:event", "security:not-incident"] };
    const { plan } = planAssessmentUndo(withEvent, ["security:not-incident"], { team: "sec", reason: "x", delivery: null });
    expect(plan.labels).toEqual({ add: [], remove: ["security:not-incident"] });
    expect(plan.comments[0]!.body).not.toContain("stays a `security:event`");
  });
});
