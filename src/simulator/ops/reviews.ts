import type { Core } from "../core.js";
import { HttpError, notFound } from "../errors.js";
import { reviewJson } from "../json/pull.js";
import { pullJson } from "../json/pull.js";
import type { Repo, Review, ReviewState } from "../types.js";
import { addTimeline, touch } from "./events.js";
import type { Pull } from "./pulls.js";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

const STATES: Record<ReviewEvent, ReviewState> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" };

function emitReview(core: Core, repo: Repo, issue: Pull, review: Review, action: string, sender: string, extra = {}): void {
  core.emitRepo("pull_request_review", repo, sender, {
    action,
    review: { ...reviewJson(core, repo, issue, review), state: review.state.toLowerCase() },
    pull_request: pullJson(core, repo, issue),
    ...extra,
  });
}

/** Submits a review at `commitId` (default: the current head), as `POST .../reviews` with an event. */
export function submitReview(
  core: Core,
  actor: string,
  repo: Repo,
  issue: Pull,
  event: ReviewEvent,
  body = "",
  opts: { commitId?: string; allowSelfApproval?: boolean } = {},
): Review {
  if (!(event in STATES)) throw new HttpError(422, "Unprocessable Entity", [{ resource: "PullRequestReview", field: "event", code: "invalid" }]);
  if (event !== "APPROVE" && !body) throw new HttpError(422, `Unprocessable Entity: "Review Can not ${event === "COMMENT" ? "comment" : "request changes"} without a body"`);
  if (event !== "COMMENT" && actor.toLowerCase() === issue.user.toLowerCase() && !opts.allowSelfApproval) {
    throw new HttpError(422, `Unprocessable Entity: "Review Can not ${event === "APPROVE" ? "approve" : "request changes on"} your own pull request"`);
  }
  const review: Review = { id: core.store.id(), user: actor, body, state: STATES[event], commitId: opts.commitId ?? issue.pull.headSha, submittedAt: core.now() };
  issue.pull.reviews.push(review);
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "reviewed", actor, reviewId: review.id });
  emitReview(core, repo, issue, review, "submitted", actor);
  return review;
}

export function findReview(issue: Pull, id: number): Review {
  const review = issue.pull.reviews.find((r) => r.id === id);
  if (!review) throw notFound();
  return review;
}

export function editReview(core: Core, actor: string, repo: Repo, issue: Pull, id: number, body: string): Review {
  const review = findReview(issue, id);
  const from = review.body;
  review.body = body;
  emitReview(core, repo, issue, review, "edited", actor, { changes: { body: { from } } });
  return review;
}

export function dismissReview(core: Core, actor: string, repo: Repo, issue: Pull, id: number, message: string): Review {
  const review = findReview(issue, id);
  if (review.state !== "APPROVED" && review.state !== "CHANGES_REQUESTED") {
    throw new HttpError(422, `Can not dismiss a ${review.state.toLowerCase()} pull request review`);
  }
  review.state = "DISMISSED";
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "review_dismissed", actor, reviewId: review.id, message });
  emitReview(core, repo, issue, review, "dismissed", actor);
  return review;
}
