import { describe, expect, it } from "vitest";
import { decodeTraces } from "../../src/core/trace.js";
import { evaluateChange } from "../../src/change/policy.js";
import { CHECK_SUMMARY_LIMIT, renderCheckOutput } from "../../src/change/render.js";
import { NOW, defaultConfig, normalChange, review } from "./fixtures.js";

describe("renderCheckOutput", () => {
  const ctx = { now: NOW, delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958" };

  it("renders the tree then the trace, which decodes back", () => {
    const result = evaluateChange(normalChange({ reviews: [review("bob", "c3")] }), defaultConfig(), NOW);
    const out = renderCheckOutput(result, ctx);
    expect(out.title).toBe(result.title);
    expect(out.summary.startsWith("- ✅ IMS / change control")).toBe(true);
    const [trace] = decodeTraces(out.summary);
    expect(trace).toMatchObject({ rule: "change.gate", delivery: ctx.delivery, time: NOW.toISOString(), result: { conclusion: "success" } });
  });

  it("stays under the summary limit with a note, keeping the trace last and intact", () => {
    const reviews = Array.from({ length: 3000 }, (_, i) => review(`outsider-with-a-long-login-${i}`, "c3", "APPROVED", i % 50));
    const result = evaluateChange(normalChange({ reviews }), defaultConfig(), NOW);
    const out = renderCheckOutput(result, ctx);
    expect(out.summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(out.summary).toMatch(/more lines omitted: GitHub limits a check-run summary to 65,535 characters/);
    expect(out.summary.endsWith(" -->")).toBe(true);
    expect(decodeTraces(out.summary)[0]).toMatchObject({ rule: "change.gate", result: { conclusion: "action_required" } });
  });
});
