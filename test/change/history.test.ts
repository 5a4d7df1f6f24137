import { describe, expect, it } from "vitest";
import { baseChangesAfter, describeBaseChange } from "../../src/change/base-changes.js";
import type { BaseChange, HistoryFacts, ReviewFacts } from "../../src/change/facts.js";
import { pushedBy } from "../../src/change/pushers.js";

const review = (submittedAt: string): ReviewFacts => ({ id: 1, user: { login: "sec1", type: "User" }, state: "APPROVED", commitId: "a".repeat(40), submittedAt });
const change = (at: string): BaseChange => ({ from: "scratch", to: "main", at, actor: "alice" });

describe("base changes and pushers (pure)", () => {
  it("a base change before the approval leaves it; one after it, or in the same second, invalidates it", () => {
    const changes = [change("2026-03-02T09:00:00Z"), change("2026-03-02T10:00:00Z")];
    expect(baseChangesAfter(review("2026-03-02T09:30:00Z"), changes)).toEqual([changes[1]]);
    expect(baseChangesAfter(review("2026-03-02T10:00:00Z"), changes)).toEqual([changes[1]]);
    expect(baseChangesAfter(review("2026-03-02T11:00:00Z"), changes)).toEqual([]);
    expect(describeBaseChange(changes[0]!)).toBe("the base branch changed from scratch to main at 2026-03-02T09:00:00Z by @\u200balice");
  });

  it("an approver who pushed is named with the push; one whose pushes were not read, or cannot be, is unknown", () => {
    const history: HistoryFacts = { baseChanges: [], pushes: [{ actor: "Sec1", kind: "force_push", ref: "feat", at: "2026-03-02T09:00:00Z", source: "timeline" }], checked: ["sec1", "sec2"] };
    expect(pushedBy("sec1", history)).toEqual({ reason: "force-pushed to feat at 2026-03-02T09:00:00Z (the pull request's timeline)", unknown: false });
    expect(pushedBy("sec2", history)).toBeNull();
    expect(pushedBy("sec3", history)?.unknown).toBe(true);
    expect(pushedBy("sec2", { ...history, unknown: "activity cannot be read" })).toEqual({ reason: "activity cannot be read", unknown: true });
  });
});
