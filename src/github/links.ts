import { counting } from "./call-counter.js";
import { linkMarker, type LinkRel } from "../problems/links.js";
import { isOwnComment } from "./bot-identity.js";
import { listComments } from "./comments.js";
import { postOnceRaceSafe } from "./once-comments.js";
import type { Octokit, RepoRef } from "./types.js";

/** One side of a link to write: on record `on`, a marker pointing at `to`, with a line for people. */
export interface LinkSide {
  on: number;
  rel: LinkRel;
  to: number;
  text: string;
}

/** Writes link comments on both sides (each at most once, race-safe). `via` names what made the link. */
export async function writeLinks(octokit: Octokit, r: RepoRef, sides: LinkSide[], via: string, knownEmpty: number[] = []): Promise<number> {
  const { calls } = await counting(octokit, async () => {
    for (const s of sides) {
      const known = knownEmpty.includes(s.on) ? [] : await listComments(octokit, r, s.on);
      // Linked already (by any command, trend or review): a link is written once, whatever made it.
      const same = linkMarker(s.rel, s.to).replace(/ -->$/, "");
      if (known.some((c) => isOwnComment(c) && c.body.includes(same + " "))) continue;
      await postOnceRaceSafe(octokit, r, s.on, [{ marker: linkMarker(s.rel, s.to, via), body: s.text }], known);
    }
  });
  return calls;
}
