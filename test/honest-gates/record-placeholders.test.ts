import { describe, expect, it } from "vitest";
import { evaluateChange } from "../../src/change/policy.js";
import { COMPLETE_FIELDS, defaultConfig, normalChange, review } from "../change/fixtures.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const withFields = (fields: Record<string, string | null>) =>
  normalChange({ reviews: [review("bob", "c3")], records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change"], state: "open", fields: { ...COMPLETE_FIELDS, ...fields } }] });

describe("red team: change-record answers a reader cannot see", () => {
  it("a Rollback plan that is only an HTML comment (a template placeholder) is unanswered", () => {
    const r = evaluateChange(withFields({ "Rollback plan": "<!-- describe how to roll back -->" }), defaultConfig(), NOW);
    expect(r.conclusion).toBe("failure");
    expect(JSON.stringify(r.trace.result)).toContain("Rollback plan");
  });

  it("a Test plan that is only an empty code fence is unanswered", () => {
    const r = evaluateChange(withFields({ "Test plan": "```\n```" }), defaultConfig(), NOW);
    expect(r.conclusion).toBe("failure");
  });

  it("a Test plan written inside a code fence is still an answer", () => {
    const r = evaluateChange(withFields({ "Test plan": "```\nnpm test && ./smoke.sh\n```" }), defaultConfig(), NOW);
    expect(r.conclusion).toBe("success");
  });
});
