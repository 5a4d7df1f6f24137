import { describe, expect, it } from "vitest";
import { standingApprovals } from "../../src/evidence/evidence-items.js";
import type { ChangeReview } from "../../src/evidence/types.js";
import { change } from "./fixtures.js";

const review = (reviewer: string, state: ChangeReview["state"], at: string): ChangeReview => ({ reviewer, state, commit: "abc", at, security: false });

describe("standingApprovals (the evidence's approvals, by the gate's rule)", () => {
  it("counts each reviewer's latest approving, changes-requesting or dismissed review, comments aside, whatever the case of the login", () => {
    const r = change(1);
    r.reviews = [
      review("ann", "APPROVED", "2026-03-01T10:00:00Z"),
      review("Ann", "COMMENTED", "2026-03-01T11:00:00Z"),
      review("bob", "APPROVED", "2026-03-01T10:00:00Z"),
      review("BOB", "CHANGES_REQUESTED", "2026-03-01T12:00:00Z"),
      review("cy", "CHANGES_REQUESTED", "2026-03-01T10:00:00Z"),
      review("cy", "APPROVED", "2026-03-01T10:00:00Z"),
      review("dee", "APPROVED", "2026-03-01T10:00:00Z"),
      review("dee", "DISMISSED", "2026-03-01T13:00:00Z"),
    ];
    // same time: the later in GitHub's list stands (cy approved after requesting changes)
    expect(standingApprovals(r).map((v) => v.reviewer)).toEqual(["ann", "cy"]);
    expect(standingApprovals(r)[0]).toBe(r.reviews[0]);
  });
});
