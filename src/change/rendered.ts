/**
 * What a reader of a rendered Markdown answer actually sees, as plain text, for deciding whether a
 * change-record field is answered and which risk it names. No Markdown parser is installed, so this
 * is deliberately conservative: it removes only constructs that GitHub renders as nothing (HTML
 * comments, tags, link reference definitions, fence lines, invisible characters and entities) and
 * then asks whether anything but Markdown punctuation is left. Linear in the input.
 */

/** Named character references that render as white space or nothing (HTML names are case-sensitive). */
const NAMED: Record<string, number> = {
  nbsp: 0xa0, ensp: 0x2002, emsp: 0x2003, emsp13: 0x2004, emsp14: 0x2005, numsp: 0x2007, puncsp: 0x2008, thinsp: 0x2009,
  ThinSpace: 0x2009, hairsp: 0x200a, VeryThinSpace: 0x200a, MediumSpace: 0x205f, ZeroWidthSpace: 0x200b, NegativeThinSpace: 0x200b,
  NegativeMediumSpace: 0x200b, NegativeThickSpace: 0x200b, NegativeVeryThinSpace: 0x200b, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e,
  rlm: 0x200f, shy: 0xad, NoBreak: 0x2060, it: 0x2062, InvisibleTimes: 0x2062, ic: 0x2063, InvisibleComma: 0x2063, af: 0x2061,
  ApplyFunction: 0x2061, NewLine: 0x0a, Tab: 0x09, lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22, apos: 0x27,
};

// Format characters (Cf: zero-width, bidi controls, soft hyphen), controls and fillers render nothing.
const INVISIBLE = /[\p{Cf}\u0000-\u0008\u000B-\u001F\u007F-\u009F\u115F\u1160\u3164\uFFA0\u2800\u034F\uFE00-\uFE0F]/gu;
const SPACE = /[\p{Zs}\p{Zl}\p{Zp}]/gu;
// Block markers alone (empty headings, list items, quotes, thematic breaks) render no text.
const MARKDOWN_ONLY = /^[\s#>*+\-_]*$/;
// An empty link or image (`[](x)`, `![](x)`) renders no text.
const EMPTY_LINK = /!?\[\s*\]\([^()\n]{0,2000}\)/g;

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] !== "#") {
      const code = NAMED[ref];
      return code === undefined ? whole : String.fromCodePoint(code);
    }
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // CommonMark: NUL or a code point outside Unicode renders U+FFFD, which is visible
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
  });
}

/**
 * The visible text of an answer: HTML comments, tags, link reference definitions and fence lines
 * removed, entities decoded, invisible characters (zero-width, bidi, format) removed.
 * Example: renderedText("&nbsp;<br><!-- x -->") === ""
 */
export function renderedText(answer: string): string {
  let text = answer.replace(/<!--[\s\S]*?(?:-->|$)/g, " ");
  // tags render as formatting; their text content (if any) stays
  text = text.replace(/<\/?[A-Za-z][A-Za-z0-9-]{0,40}(?:\s[^<>]{0,2000})?\/?>/g, " ");
  text = decodeEntities(text);
  text = text.replace(INVISIBLE, "").replace(SPACE, " ");
  const lines = text.split("\n").filter((line) => {
    // `[label]: url` defines a link target and renders nothing
    if (/^ {0,3}\[[^\]\n]{1,999}\]:\s*\S/.test(line)) return false;
    // fence lines and thematic breaks
    if (/^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*$/.test(line)) return false;
    return true;
  });
  return lines.join("\n").trim();
}

/** True when the rendered answer shows no text at all (only Markdown syntax, white space or nothing). */
export function rendersEmpty(answer: string): boolean {
  const text = renderedText(answer);
  return text === "" || text.split("\n").every((line) => MARKDOWN_ONLY.test(line.replace(EMPTY_LINK, "")));
}
