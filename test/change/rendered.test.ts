import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPlain, parsedText, renderedText } from "../../src/change/rendered.js";

describe("the visible text of a record answer", () => {
  it("reads plain sentences without the parser and gives exactly what the parser gives", () => {
    const alphabet = [..."abcXYZ09 .,;:'\"?!/%@$()\n", "é", "١", "  ", "    ", "1.", "2)"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join("")), (text) => {
        if (isPlain(text)) expect(renderedText(text)).toBe(parsedText(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("parses anything that could be Markdown or HTML", () => {
    for (const text of ["a &amp; b", "*x*", "<b>x</b>", "1. step", "    code", "# Heading", "a\u200bb"]) expect(isPlain(text)).toBe(false);
    expect(renderedText("Revert the PR.\n\nThen   redeploy.")).toBe("Revert the PR.\nThen   redeploy.");
  });
});
