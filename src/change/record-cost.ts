/**
 * Why a change record's body is too costly to read as Markdown, or null. The CommonMark parser takes
 * time quadratic in the depth of nested quotes (`> > > ...`: 30,000 deep take seconds) and in the
 * number of emphasis delimiters (`*a*a*a...`): a record written that way would stall every
 * evaluation of every pull request that links it, and an evaluation that does not finish leaves the
 * commit's earlier result standing. Such a record is unreadable (it fails the check, saying why);
 * no real record comes near either limit.
 */

/** Named limit: `>` markers that open one line (quotes nested this deep). */
export const MAX_QUOTE_DEPTH = 100;
/** Named limit: `*` and `_` characters in a record body (each may open or close emphasis). */
export const MAX_EMPHASIS_MARKS = 4_000;

const LINE_PREFIX = /^[ \t>]*/gm;

export function recordTooCostly(body: string): string | null {
  for (const m of body.matchAll(LINE_PREFIX)) {
    let depth = 0;
    for (const ch of m[0]) if (ch === ">") depth++;
    if (depth > MAX_QUOTE_DEPTH) return `it nests quotes more than ${MAX_QUOTE_DEPTH} deep`;
  }
  let marks = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */) marks++;
  }
  return marks > MAX_EMPHASIS_MARKS ? `it has more than ${MAX_EMPHASIS_MARKS} emphasis marks (\`*\`, \`_\`)` : null;
}
