import { REVIEW_LABEL } from "../change/review-record.js";
import type { ListedReviewRecord } from "../change/overdue-reviews.js";
import { parseEscalationMarkers } from "../sla/markers.js";
import { isOwnComment } from "./bot-identity.js";
import { listComments, type CommentFact } from "./comments.js";
import type { Octokit, RepoRef } from "./types.js";
import { labelNames } from "../core/labels.js";

/** The open post-implementation review records of a repository, one page (100) per call, pull requests left out. */
export async function* openReviewRecordPages(octokit: Octokit, r: RepoRef): AsyncGenerator<ListedReviewRecord[]> {
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...r, state: "open", labels: REVIEW_LABEL, per_page: 100 })) {
    yield page.data
      .filter((issue) => !issue.pull_request)
      .map((issue) => ({
        number: issue.number,
        labels: labelNames(issue.labels),
        body: issue.body ?? null,
        openedByBot: issue.user?.type === "Bot",
        createdAt: issue.created_at,
      }));
  }
}

/** A record's comments, and whether the app's own ones already carry this escalation level's marker (1 call). */
export async function escalatedAt(octokit: Octokit, r: RepoRef, number: number, level: string): Promise<{ comments: CommentFact[]; escalated: boolean }> {
  const comments = await listComments(octokit, r, number);
  return { comments, escalated: parseEscalationMarkers(comments.filter(isOwnComment).map((c) => c.body).join("\n")).includes(level) };
}
