import type { RecordLinks } from "../../problems/links.js";
import { emptyPart, traceOf, type LiveContext, type LivePart } from "./part.js";

/**
 * A closed major or security incident needs a post-incident review (27001 A.16.1.6 / 5.27) when the
 * config asks for one on close and none is linked yet: the flow then opens it.
 */
export function decideReviewNeed(ctx: LiveContext, major: boolean, links: RecordLinks): { part: LivePart; reviewNeeded: boolean } {
  const part = emptyPart();
  const needsOne = major || ctx.cls.security === "incident";
  const reviewNeeded = !ctx.open && ctx.config.major.reviewOnClose && needsOne && links.reviews.length === 0;
  if (!ctx.open && needsOne) part.traces.push(traceOf(ctx, "review.require", { major, security: ctx.cls.security, reviews: links.reviews }, { reviewNeeded }));
  return { part, reviewNeeded };
}
