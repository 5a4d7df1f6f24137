import { md } from "../../core/explain.js";
import type { RecordLinks } from "../../problems/links.js";
import { NOTICE } from "../markers.js";
import { hasLabel } from "../../core/labels.js";
import { emptyPart, mentionOf, traceOf, type LiveContext, type LivePart } from "./part.js";

/**
 * A major incident is declared by label, or automatically for a P1 when configured: management is
 * told once while it is open, and the card hasLabel the procedure with its post-incident review.
 */
export function decideMajor(ctx: LiveContext, links: RecordLinks): { part: LivePart; major: boolean } {
  const part = emptyPart();
  const mj = ctx.config.major;
  const { cls, planned } = ctx;
  const auto = mj.autoForP1 && cls.priority === "P1";
  const labelled = hasLabel(planned, "major-incident");
  const major = labelled || auto;
  if (auto && !labelled) part.add.push("major-incident");
  if (!major) return { part, major };
  if (ctx.open && !ctx.ownText.includes(NOTICE.majorNotified)) {
    part.comments.push({
      marker: NOTICE.majorNotified,
      body: `**Major incident**: ${mentionOf(ctx, mj.team)}, this ${cls.priority ?? ""} incident has been declared a major incident. The procedure is on the record card; a post-incident review is required.`,
    });
  }
  const review = links.reviews.length ? `post-incident review ${links.reviews.map((n) => `#${n}`).join(", ")}` : "post-incident review (opened by ims-bot when this record is closed)";
  part.sections.push({
    id: "major",
    title: "Major incident procedure",
    body: [...mj.procedure.map((s) => `- [ ] ${md(s)}`), `- [${links.reviews.length ? "x" : " "}] ${review}`].join("\n"),
  });
  part.traces.push(traceOf(ctx, "major.declare", { label: labelled, autoForP1: mj.autoForP1, priority: cls.priority }, { major: true, team: mj.team }));
  return { part, major };
}
