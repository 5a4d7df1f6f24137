import { describe, expect, it } from "vitest";
import { detectChange } from "../../src/change/detect.js";
import { normalChange, withChange } from "../change/fixtures.js";

describe("red team: a config change hidden past GitHub's 3,000-file limit", () => {
  it("a truncated file list is a possible change even when change.paths is empty: .github/ims.yml may be among the hidden files", () => {
    const facts = normalChange({
      pr: { ...normalChange().pr, labels: [], body: "" },
      files: Array.from({ length: 3000 }, (_, i) => `src/gen/${i}.ts`),
      records: [],
      truncated: { files: { read: 3000, total: 3001, limit: 3000 } },
    });
    const d = detectChange(facts, withChange({ paths: [] }).change);
    expect(d.isChange).toBe(true);
  });
});
