import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer, GITHUB_MAX_BODY, parseForm, ticked } from "../../src/records/form.js";

const BODY = [
  "### Impact", "", "High", "",
  "### Urgency", "", "_No response_", "",
  "### Affected  Service ##", "", "payments-api", "",
  "### Security impact", "", "- [X] Confidentiality", "- [ ] Integrity", "- [x] Personal data involved", "",
  "### What happened", "", "```", "### Impact", "Low", "```",
].join("\r\n");

describe("issue form parser", () => {
  it("reads answers under ### headings, treating _No response_ as unanswered", () => {
    const form = parseForm(BODY);
    expect(answer(form, "Impact")).toBe("High");
    expect(answer(form, "urgency")).toBeNull();
    expect(answer(form, "Affected service")).toBe("payments-api");
    expect(answer(form, "Missing heading")).toBeNull();
  });

  it("reads ticked checkboxes only", () => {
    expect(ticked(parseForm(BODY), "Security impact")).toEqual(["confidentiality", "personal data involved"]);
  });

  it("ignores headings inside code fences, so pasted logs cannot override an answer", () => {
    expect(answer(parseForm(BODY), "Impact")).toBe("High");
    expect(answer(parseForm(BODY), "What happened")).toContain("### Impact");
  });

  it("keeps the first answer when a heading repeats", () => {
    expect(answer(parseForm("### Impact\nLow\n### Impact\nHigh"), "Impact")).toBe("Low");
  });

  it("parses any body up to GitHub's 65,536 characters of any Unicode without throwing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: GITHUB_MAX_BODY }), (body) => {
        const form = parseForm(body);
        for (const [k, v] of form.fields) {
          expect(typeof k).toBe("string");
          expect(v === null || typeof v === "string").toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("parses form-shaped random bodies back to the answers they were built from", () => {
    const heading = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/);
    const value = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,-]{0,40}[A-Za-z0-9]$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(heading, value), { selector: ([h]) => h.toLowerCase().replace(/\s+/g, " "), maxLength: 8 }), (pairs) => {
        const body = pairs.map(([h, v]) => `### ${h}\n\n${v}\n`).join("\n");
        const form = parseForm(body);
        for (const [h, v] of pairs) expect(answer(form, h)).toBe(v.trim());
      }),
    );
  });

  it("handles adversarial bodies of maximal size (long heading runs, spaces, hashes)", () => {
    const bodies = [
      "### " + "# ".repeat(GITHUB_MAX_BODY / 2 - 4),
      "- [x] a" + " ".repeat(GITHUB_MAX_BODY - 10) + "b",
      "### A\n" + "- [x]".repeat(GITHUB_MAX_BODY / 5 - 2),
      "`".repeat(GITHUB_MAX_BODY),
    ];
    for (const body of bodies) expect(() => parseForm(body)).not.toThrow();
    expect(ticked(parseForm("### A\n" + "- [x] a" + " ".repeat(1000) + "b"), "A")[0]).toMatch(/^a +b$/);
  });
});
