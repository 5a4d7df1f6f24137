import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChangeLinks, resolveLinks } from "../../src/change/links.js";
import { visibleText } from "../../src/change/visible.js";

describe("parseChangeLinks", () => {
  it("reads Change: lines in the same and other repositories", () => {
    expect(parseChangeLinks("Change: #12\n**Change:** acme/ops#3")).toEqual([
      { kind: "change", repo: null, number: 12 },
      { kind: "change", repo: "acme/ops", number: 3 },
    ]);
  });

  it("reads every closing keyword, with #N, owner/repo#N and issue URLs", () => {
    const body = ["close #1", "closes #2", "Closed: #3", "fix #4", "Fixes acme/ops#5", "fixed #6", "resolve #7", "Resolves https://github.com/acme/ops/issues/8", "resolved #9"].join("\n");
    expect(parseChangeLinks(body).map((l) => [l.kind, l.repo, l.number])).toEqual([
      ["closing", null, 1], ["closing", null, 2], ["closing", null, 3], ["closing", null, 4], ["closing", "acme/ops", 5],
      ["closing", null, 6], ["closing", null, 7], ["closing", "acme/ops", 8], ["closing", null, 9],
    ]);
  });

  it("ignores links in fenced code, inline code and HTML comments", () => {
    const body = "```\nChange: #1\n```\n`Change: #2`\n<!-- Change: #3 -->\n~~~md\nfixes #4\n~~~\nChange: #5";
    expect(parseChangeLinks(body)).toEqual([{ kind: "change", repo: null, number: 5 }]);
  });

  it("treats an unclosed comment or fence as running to the end, as Markdown renders it", () => {
    expect(parseChangeLinks("<!-- template\nChange: #1")).toEqual([]);
    expect(parseChangeLinks("```\nChange: #1")).toEqual([]);
  });

  it("ignores near misses: no colon after Change, words ending in a keyword, other hosts, pull URLs", () => {
    expect(parseChangeLinks("Change #1 prefixes #2 autofix #3 fixes https://evil.example/acme/ops/issues/4 fixes https://github.com/acme/ops/pull/5 fixes #6a")).toEqual([]);
  });

  it("resolves same-repository links and lets Change: outrank a closing keyword to the same issue", () => {
    const links = parseChangeLinks("fixes #12\nChange: ACME/Shop#12\nfixes acme/ops#1");
    expect(resolveLinks(links, "acme/shop")).toEqual([
      { kind: "change", repo: "acme/shop", number: 12 },
      { kind: "closing", repo: "acme/ops", number: 1 },
    ]);
  });

  it("never finds a link that sits inside code or a comment (property)", () => {
    const prose = fc.stringMatching(/^[a-z #:\n]{0,40}$/);
    const hidden = fc.constantFrom("```\nChange: #77\n```\n", "`Change: #77`", "<!-- Change: #77 -->", "~~~\nfixes #77\n~~~\n");
    fc.assert(
      fc.property(prose, hidden, prose, (a, h, b) => {
        const body = `${a}\n${h}\n${b}`;
        expect(parseChangeLinks(body).some((l) => l.number === 77)).toBe(false);
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  // Speed is measured in bench/links.bench.ts; here, hostile bodies of the largest size GitHub allows
  // must complete and give the right answer.
  const GITHUB_MAX_BODY = 65_536;
  const fill = (pattern: string[]): string => pattern.join("").repeat(Math.ceil(GITHUB_MAX_BODY / pattern.join("").length)).slice(0, GITHUB_MAX_BODY);

  it("finds a link after a maximal hostile body that hides nothing (property)", () => {
    const piece = fc.constantFrom("Change:", "closes ", " ", "#", "1", "a/", "https://github.com/", "\n", ":", "**", "x", "Change: #");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pattern) => {
        const links = parseChangeLinks(`${fill(pattern)}\n\nChange: #4242\n`);
        expect(links.at(-1)).toEqual({ kind: "change", repo: null, number: 4242 });
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it("completes on maximal hostile bodies with code, fences and comments, and reports only links that are in the text (property)", () => {
    const piece = fc.constantFrom("`", "``", "```\n", "<!--", "-->", "Change:", "closes ", " ", "#", "1", "a/", "https://github.com/", "~~~\n", "\n", ":", "**");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pattern) => {
        const body = fill(pattern);
        const links = parseChangeLinks(body);
        expect(links.length).toBeLessThanOrEqual(body.split("#").length - 1 + body.split("/issues/").length - 1);
        for (const l of links) expect(body).toContain(String(l.number));
        expect(parseChangeLinks(body)).toEqual(links);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it("keeps prose outside code untouched", () => {
    expect(visibleText("a `b` c")).toBe("a   c");
    expect(visibleText("a ``b` c")).toBe("a ``b` c");
  });
});
