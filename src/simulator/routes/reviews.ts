import { HttpError } from "../errors.js";
import { num, ok, paginate, str } from "../http.js";
import { reviewJson } from "../json/pull.js";
import { dismissReview, editReview, findReview, submitReview, type ReviewEvent } from "../ops/reviews.js";
import type { Router } from "../router.js";
import { pullOf } from "./pulls.js";

/** Pull request reviews: list, submit, read, edit, dismiss. */
export function registerReviews(router: Router): void {
  router
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      return ok(paginate(ctx, pr.pull.reviews).map((r) => reviewJson(ctx.core, repo, pr, r)));
    })
    .add("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const event = str(ctx.body, "event");
      // Without an event GitHub stores a PENDING review; the simulator only models submitted reviews.
      if (!event) throw new HttpError(422, "Unprocessable Entity: pending reviews are not simulated; pass `event`");
      const commitId = str(ctx.body, "commit_id");
      const review = submitReview(ctx.core, ctx.actor, repo, pr, event as ReviewEvent, str(ctx.body, "body") ?? "", commitId ? { commitId } : {});
      return ok(reviewJson(ctx.core, repo, pr, review));
    })
    .add("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      return ok(reviewJson(ctx.core, repo, pr, findReview(pr, num(ctx, "review_id"))));
    })
    .add("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const review = editReview(ctx.core, ctx.actor, repo, pr, num(ctx, "review_id"), str(ctx.body, "body") ?? "");
      return ok(reviewJson(ctx.core, repo, pr, review));
    })
    .add("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals", (ctx) => {
      const { repo, pr } = pullOf(ctx);
      const review = dismissReview(ctx.core, ctx.actor, repo, pr, num(ctx, "review_id"), str(ctx.body, "message") ?? "");
      return ok(reviewJson(ctx.core, repo, pr, review));
    });
}
