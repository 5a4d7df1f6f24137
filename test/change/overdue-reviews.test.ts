import { describe, expect, it } from "vitest";
import { decideOverdueReview, mayBeOverdue } from "../../src/change/overdue-reviews.js";
import { renderReviewRecord } from "../../src/change/review-record.js";

const due = new Date("2026-03-10T00:00:00Z");
const { body } = renderReviewRecord({ repo: "acme/web", number: 12 }, { title: "Hotfix", author: "dev", headSha: "abc" }, due, 5);
const listed = { number: 40, labels: ["ims:post-implementation-review"], body, openedByBot: true };
const after = new Date("2026-03-11T00:00:00Z");

describe("overdue post-implementation reviews (pure)", () => {
  it("reads a record's comments only when it is past due, the app opened it, and it is not yet marked breached", () => {
    expect(mayBeOverdue(listed, after)).toBe(true);
    expect(mayBeOverdue(listed, new Date("2026-03-09T00:00:00Z"))).toBe(false);
    expect(mayBeOverdue({ ...listed, openedByBot: false }, after)).toBe(false);
    expect(mayBeOverdue({ ...listed, labels: [...listed.labels, "sla:breached"] }, after)).toBe(false);
  });

  it("plans sla:breached and one escalation to the approvers and management, and only the label once escalated", () => {
    const cfg = { approvers: "cab", management: "mgmt", org: "acme" };
    const first = decideOverdueReview({ owner: "acme", repo: "web", state: "open", escalated: false, ...listed }, cfg, after);
    expect(first.overdue).toBe(true);
    expect(first.plan.labels.add).toEqual(["sla:breached"]);
    expect(first.plan.comments[0]!.body).toContain("@acme/cab (functional) and @acme/mgmt (hierarchical)");
    const again = decideOverdueReview({ owner: "acme", repo: "web", state: "open", escalated: true, ...listed }, cfg, after);
    expect(again.plan.comments).toEqual([]);
  });
});
