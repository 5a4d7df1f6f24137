import { describe, expect, it } from "vitest";
import { combineResults, STRICTNESS } from "../../src/change/commit-result.js";
import { decideMergeGroup } from "../../src/change/merge-group.js";
import type { ChangeResult, Conclusion } from "../../src/change/policy.js";
import { unexplainedFiles } from "../../src/github/merge-group-content.js";

const result = (conclusion: Conclusion, title: string = conclusion): ChangeResult => ({
  conclusion,
  title,
  explanation: { status: "info", label: "IMS / change control" },
  trace: { rule: "change.gate", inputs: {}, result: { conclusion } },
  postImplementationReview: null,
});

describe("a commit's result over the open pull requests whose head it is", () => {
  it("is the strictest: failure > action_required > success > neutral", () => {
    expect(Object.entries(STRICTNESS).sort((a, b) => b[1] - a[1]).map(([c]) => c)).toEqual(["failure", "action_required", "success", "neutral"]);
    const all: Conclusion[] = ["neutral", "success", "action_required", "failure"];
    for (const a of all) for (const b of all) {
      const c = combineResults("a".repeat(40), [{ number: 2, baseRef: "main", result: result(a) }, { number: 3, baseRef: "scratch", result: result(b) }]);
      expect(c.conclusion).toBe(STRICTNESS[a] >= STRICTNESS[b] ? a : b);
    }
  });

  it("a change's success is not lowered to neutral by a pull request that is not a change, and names both", () => {
    const c = combineResults("b".repeat(40), [{ number: 3, baseRef: "scratch", result: result("neutral", "Not a change") }, { number: 2, baseRef: "main", result: result("success", "Normal change approved") }]);
    expect(c).toMatchObject({ conclusion: "success", decidedBy: 2 });
    expect(c.explanation.label).toBe("computed for pull requests #2, #3");
  });
});

describe("a merge group's decision", () => {
  const base = { headSha: "c".repeat(40), baseSha: "d".repeat(40), baseRef: "main", unexplained: [], unprovable: null };
  it("passes only when every member passes and nothing is unexplained", () => {
    expect(decideMergeGroup({ ...base, members: [{ number: 2, headSha: "e".repeat(40), conclusion: "success", title: "ok" }] }).conclusion).toBe("success");
    expect(decideMergeGroup({ ...base, members: [{ number: 2, headSha: "e".repeat(40), conclusion: "action_required", title: "waiting" }] }).title).toContain("#2");
    expect(decideMergeGroup({ ...base, unexplained: ["x.tf"], members: [{ number: 2, headSha: "e".repeat(40), conclusion: "success", title: "ok" }] }).title).toContain("x.tf");
    expect(decideMergeGroup({ ...base, unprovable: "cut", members: [{ number: 2, headSha: "e".repeat(40), conclusion: "success", title: "ok" }] }).conclusion).toBe("failure");
  });

  it("a file is explained only by a member with the same blob, or a removal by a removal", () => {
    const group = new Map([["a", { status: "modified", sha: "1" }], ["b", { status: "removed", sha: "2" }], ["c", { status: "added", sha: "3" }]]);
    const own = [new Map([["a", { status: "modified", sha: "1" }], ["b", { status: "removed", sha: "9" }], ["c", { status: "added", sha: "4" }]])];
    expect(unexplainedFiles(group, own)).toEqual(["c"]);
  });
});
