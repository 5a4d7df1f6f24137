import type { RecordLinks } from "../../problems/links.js";
import { emptyPart, type LivePart } from "./part.js";

/** The card line naming the problems and post-incident reviews the record is linked to (none when unlinked). */
export function decideLinksSection(links: RecordLinks): LivePart {
  const part = emptyPart();
  if (links.problems.length || links.reviews.length) {
    const parts = [...links.problems.map((n) => `problem #${n}`), ...links.reviews.map((n) => `post-incident review #${n}`)];
    part.sections.push({ id: "links", title: null, body: `**Linked records:** ${parts.join(" · ")}` });
  }
  return part;
}
