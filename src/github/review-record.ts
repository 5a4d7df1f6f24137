import type { ReviewOf } from "../change/review-record.js";
import { REVIEW_LABEL, parseReviewLink, parseReviewMarker, renderReviewRecord, reviewDue, reviewLinkMarker } from "../change/review-record.js";
import { isAppAuthored, isOwnComment } from "./bot-identity.js";
import { listIssuesLabelled } from "./issue-lists.js";
import { editedNotices } from "../records/markers.js";
import { postOnceRaceSafe } from "./once-comments.js";
import { counting } from "./call-counter.js";
import { listComments } from "./comments.js";
import { createIssueOnce } from "./create-once.js";
import { ensureLabels } from "./labels.js";
import type { Octokit, RepoRef } from "./types.js";
import { storeOf } from "./store-of.js";
import { EVALUATION_LOCK } from "../store/areas.js";

/**
 * Runs `fn` after any earlier call with the same key has finished, under the app store's lock (bound
 * to the Octokit; one process, or every instance sharing the store; a marker covers the rest).
 */
export function serialized<T>(octokit: object, key: string, fn: () => Promise<T>): Promise<T> {
  return storeOf(octokit).withLock(key, fn, EVALUATION_LOCK);
}

/**
 * Opens the post-implementation review record of an emergency change exactly once: the app's
 * comment on the pull request (hidden marker with the record number) is looked for first,
 * evaluations of one pull request never run this concurrently under the store's lock, and a record opened
 * by a racing instance is closed as a duplicate (the lowest number stays).
 */
export async function ensureReviewRecord(
  octokit: Octokit,
  r: RepoRef,
  pr: { number: number; title: string; author: string; headSha: string },
  pir: { label: string; dueDays: number },
  now: Date,
): Promise<{ record: number; created: boolean; calls: number }> {
  const key = `${r.owner}/${r.repo}#${pr.number}`.toLowerCase();
  return serialized(octokit, `pir:${key}`, async () => {
    const { value, calls } = await counting(octokit, () => openOnce(octokit, r, pr, pir, now));
    return { ...value, calls };
  });
}

async function openOnce(octokit: Octokit, r: RepoRef, pr: { number: number; title: string; author: string; headSha: string }, pir: { label: string; dueDays: number }, now: Date): Promise<{ record: number; created: boolean }> {
  const comments = await listComments(octokit, r, pr.number);
  // a link someone edited is not believed (reported once): the record is looked for, or opened, again
  await postOnceRaceSafe(octokit, r, pr.number, editedNotices(comments), comments);
  const linked = comments.filter(isOwnComment).map((c) => parseReviewLink(c.body)).find((n): n is number => n !== null);
  if (linked !== undefined) return { record: linked, created: false };
  const of: ReviewOf = { repo: `${r.owner}/${r.repo}`, number: pr.number };
  if (comments.some((c) => isAppAuthored(c) && c.edited)) {
    // someone edited an app comment here (perhaps the link): the record is found again by its own body
    // marker (one list, only then) and linked afresh, rather than trusted from the edited text or opened twice
    const found = await findRecordOf(octokit, r, of);
    if (found !== null) {
      await octokit.rest.issues.createComment({ ...r, issue_number: pr.number, body: `${reviewLinkMarker(found)}
This emergency change passed on the emergency path. Post-implementation review: #${found} (linked again: the earlier link was edited).` });
      return { record: found, created: false };
    }
  }
  const due = reviewDue(now, pir.dueDays);
  const { title, body } = renderReviewRecord(of, pr, due, pir.dueDays);
  const labels = [...new Set([pir.label, REVIEW_LABEL])];
  await ensureLabels(octokit, r, labels, now.getTime());
  let posted = 0;
  const made = await createIssueOnce(octokit, r, { title, body, labels }, {
    // the link on the pull request is how a record is found: post ours, then read every instance's
    listAgain: async (number) => {
      const link = `${reviewLinkMarker(number)}\nThis emergency change passed on the emergency path. Post-implementation review: #${number}, due ${due.toISOString().slice(0, 10)}.`;
      posted = (await octokit.rest.issues.createComment({ ...r, issue_number: pr.number, body: link })).data.id;
      const after = await listComments(octokit, r, pr.number);
      return after.filter(isOwnComment).map((c) => parseReviewLink(c.body)).filter((n): n is number => n !== null);
    },
    duplicateNote: (kept) => `Duplicate of #${kept}: another ims-bot instance opened the review record at the same time.`,
  });
  if (made.duplicate) {
    // and our link goes, so exactly one review record stays linked
    await octokit.rest.issues.deleteComment({ ...r, comment_id: posted });
    return { record: made.kept, created: false };
  }
  return { record: made.kept, created: true };
}

/** The review record the app opened for a pull request, found by its body marker (the lowest number), or null. */
async function findRecordOf(octokit: Octokit, r: RepoRef, of: ReviewOf): Promise<number | null> {
  const all = await listIssuesLabelled(octokit, r, { labels: REVIEW_LABEL, state: "all" });
  const mine = all.filter((i) => !i.pull_request && isAppAuthored(i) && !(i.state === "closed" && i.state_reason === "not_planned")).filter((i) => {
    const m = parseReviewMarker(i.body);
    return m !== null && m.repo.toLowerCase() === of.repo.toLowerCase() && m.number === of.number;
  });
  return mine.length > 0 ? Math.min(...mine.map((i) => i.number)) : null;
}
