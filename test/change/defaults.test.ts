import { describe, expect, it } from "vitest";
import { defaultConfig } from "./fixtures.js";

describe("workflows/change.yml", () => {
  it("validates against ChangeSchema and keeps the safe defaults", () => {
    const { change } = defaultConfig();
    expect(change).toMatchObject({ invalidateOnPush: true, allowTargetMerges: true, securityReview: { required: true }, branches: [] });
  });
});
