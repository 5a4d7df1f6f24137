import { describe, expect, it } from "vitest";
import { fieldValue, riskFromText } from "../../src/change/classify.js";
import { gateFiles, gateFilesTouched } from "../../src/change/gate-files.js";
import { loweringBy } from "../../src/change/label-lowering.js";
import { renderedText, rendersEmpty } from "../../src/change/rendered.js";
import { parseForm } from "../../src/records/form.js";

describe("answers that render empty", () => {
  it.each([
    ["an HTML comment", "<!-- describe the rollback -->"],
    ["a no-break space entity", "&nbsp;"],
    ["a zero-width space entity", "&#8203; &#x200B;"],
    ["zero-width and bidi characters", "\u200b\u200d\u202e\u2066\ufeff"],
    ["empty tags and a line break", "<p></p><br><br/><span> </span>"],
    ["an empty code fence", "```\n```"],
    ["an empty list item, heading and quote", "-\n#\n>"],
    ["a thematic break", "---"],
    ["a link reference definition", "[rollback]: https://example.invalid"],
    ["an empty link", "[](https://example.invalid)"],
  ])("%s is unanswered", (_what, answer) => {
    expect(rendersEmpty(answer)).toBe(true);
    expect(fieldValue({ "Rollback plan": answer }, "Rollback plan")).toBeNull();
  });

  it.each([["Revert the PR."], ["a &amp; b"], ["```\nkubectl rollout undo\n```"], ["&NBSP; is not an entity"], ["&#0;"]])("%s is an answer", (answer) => {
    expect(rendersEmpty(answer)).toBe(false);
    expect(fieldValue({ "Rollback plan": answer }, "Rollback plan")).not.toBeNull();
  });

  it("reads the risk from what a reader sees: invisible characters and entities do not hide a word, hidden text does not add one", () => {
    expect(riskFromText(renderedText("Hi\u200bgh"))).toBe("high");
    expect(riskFromText(renderedText("Hi&#8203;gh\n\n[low]: #"))).toBe("high");
    expect(riskFromText(renderedText("<!-- low -->Medium"))).toBe("medium");
  });

  it("keeps text a browser shows inside raw HTML, so an HTML block cannot hide a higher risk from the gate", () => {
    expect(riskFromText(renderedText("Low\n\n<div>\nHigh &amp; touches auth\n</div>"))).toBe("high");
    expect(renderedText("<details><summary>Plan</summary>\n\nRevert the PR.\n</details>")).toBe("Plan\nRevert the PR.");
    expect(rendersEmpty("<div>\n&nbsp;<!-- todo -->\n</div>")).toBe(true);
  });

  it("keeps the words of two paragraphs apart", () => {
    expect(renderedText("Low\n\nMedium")).toBe("Low\nMedium");
  });
});

describe("a heading given twice", () => {
  it("is reported as a duplicate, keeping the first answer", () => {
    const form = parseForm("### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### risk\n\nHigh");
    expect([...form.duplicates]).toEqual(["risk"]);
    expect(form.fields.get("risk")).toBe("Low");
  });
});

describe("the gate's config files", () => {
  it("are .github/ims.yml and the files of the same repository it extends, not other repositories' files", () => {
    const files = [
      { repo: "acme/web", path: ".github/ims.yml" },
      { repo: "ACME/Web", path: ".github/ims-base.yml" },
      { repo: "acme/.github", path: ".github/ims.yml" },
    ];
    expect(gateFiles({ files }, "acme/web")).toEqual([".github/ims.yml", ".github/ims-base.yml"]);
    expect(gateFiles({}, "acme/web")).toEqual([".github/ims.yml"]);
    expect(gateFilesTouched(["src/a.ts", ".github/ims-base.yml"], gateFiles({ files }, "acme/web"))).toEqual([".github/ims-base.yml"]);
  });
});

describe("label changes that lower a decision", () => {
  const un = (label: string) => ({ action: "unlabeled" as const, label });
  const add = (label: string) => ({ action: "labeled" as const, label });

  it("a risk label removed or lowered lowers the risk; one that leaves a higher label, or an added one, does not", () => {
    expect(loweringBy(["ims:change"], un("risk:high"))?.why).toBe("it removes the risk level (high)");
    expect(loweringBy(["ims:change", "risk:low"], un("risk:high"))?.why).toBe("it lowers the risk from high to low");
    expect(loweringBy(["risk:high"], un("risk:low"))).toBeNull();
    expect(loweringBy(["risk:high", "risk:low"], add("risk:low"))).toBeNull();
  });

  it("a change type moved to one that needs no approval is lowered; emergency and normal are not weaker than each other", () => {
    expect(loweringBy(["change:standard"], un("change:normal"))?.kind).toBe("type");
    expect(loweringBy([], un("change:emergency"))?.kind).toBe("type");
    expect(loweringBy(["change:normal"], un("change:emergency"))).toBeNull();
    expect(loweringBy(["change:normal", "change:standard"], add("change:standard"))).toBeNull();
    expect(loweringBy(["change:emergency"], add("change:emergency"))).toBeNull();
    expect(loweringBy([], un("change:standard"))).toBeNull();
  });

  it("security:incident removed withdraws an assessment; other labels are not guarded", () => {
    expect(loweringBy(["ims:incident"], un("security:incident"))?.undo).toEqual({ add: ["security:incident"], remove: [] });
    expect(loweringBy([], un("priority:P1"))).toBeNull();
  });
});
