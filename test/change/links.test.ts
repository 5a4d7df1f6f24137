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

  it("runs in linear time on hostile input (property)", () => {
    const piece = fc.constantFrom("`", "``", "```\n", "<!--", "-->", "Change:", "closes ", " ", "#", "1", "a/", "https://github.com/", "~~~\n", "\n", ":", "**");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pattern) => {
        const small = pattern.join("").repeat(200);
        const big = pattern.join("").repeat(6400);
        const t0 = performance.now();
        parseChangeLinks(small);
        const t1 = performance.now();
        parseChangeLinks(big);
        const t2 = performance.now();
        // 32x the input: a quadratic parser would take ~1000x; allow generous noise for the small run
        expect(t2 - t1).toBeLessThan(Math.max(60 * (t1 - t0), 150));
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it("keeps prose outside code untouched", () => {
    expect(visibleText("a `b` c")).toBe("a   c");
    expect(visibleText("a ``b` c")).toBe("a ``b` c");
  });
});
