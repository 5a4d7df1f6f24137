import { describe, expect, it } from "vitest";
import { detectChange } from "../../src/change/detect.js";
import type { ChangeFacts } from "../../src/change/facts.js";
import { defaultConfig, normalChange, withChange } from "./fixtures.js";

const plain = (patch: Partial<ChangeFacts["pr"]> = {}, rest: Partial<ChangeFacts> = {}): ChangeFacts =>
  normalChange({ pr: { ...normalChange().pr, labels: [], body: "", ...patch }, files: ["src/app.ts"], records: [], ...rest });

describe("detectChange", () => {
  const { change } = defaultConfig();

  it("is a change by label, by Change: link, by path, or by allPullRequests, and says which", () => {
    expect(detectChange(plain({ labels: ["IMS:Change"] }), change).reasons).toEqual(["label ims:change"]);
    expect(detectChange(plain({ body: "Change: #12" }), change).reasons).toEqual(["links change record #12"]);
    expect(detectChange(plain({}, { files: [".github/workflows/ci.yml"] }), change).reasons).toEqual(["touches change paths: .github/workflows/ci.yml"]);
    expect(detectChange(plain(), withChange({ allPullRequests: true }).change).isChange).toBe(true);
    expect(detectChange(plain(), change).isChange).toBe(false);
  });

  it("counts a closing keyword only when the linked issue is labelled ims:change", () => {
    const issue = (labels: string[]) => ({ status: "found" as const, repo: "acme/shop", number: 3, labels, state: "open" as const, fields: {} });
    expect(detectChange(plain({ body: "fixes #3" }, { records: [issue(["bug"])] }), change)).toMatchObject({ isChange: false, ignoredLinks: ["#3 (not labelled ims:change)"] });
    expect(detectChange(plain({ body: "fixes #3" }, { records: [issue(["ims:change"])] }), change).reasons).toEqual(["closes change record #3"]);
  });

  it("only considers target branches: the default branch, or the configured globs", () => {
    expect(detectChange(plain({ labels: ["ims:change"], baseRef: "develop" }), change).isChange).toBe(false);
    const release = withChange({ branches: ["release/*"] }).change;
    expect(detectChange(plain({ labels: ["ims:change"], baseRef: "release/2.1" }), release).isChange).toBe(true);
    expect(detectChange(plain({ labels: ["ims:change"] }), release).isChange).toBe(false);
  });

  it("treats a truncated file list as a possible change rather than passing it as neutral", () => {
    const facts = plain({}, { truncated: { files: { read: 3000, total: null, limit: 3000 } } });
    expect(detectChange(facts, change).isChange).toBe(true);
  });

  it("reads type and risk from labels and the change form", () => {
    const d = detectChange(plain({ body: "Change: #12", labels: ["risk:medium"] }, { records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change", "change:standard"], state: "open", fields: { Risk: "Low" } }] }), change);
    expect(d.type).toEqual({ type: "standard", source: "label change:standard on #12" });
    expect(d.risk.level).toBe("medium");
  });
});
