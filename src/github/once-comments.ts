import { counting } from "./call-counter.js";
import type { OnceComment } from "../core/plan.js";
import { isOwnComment } from "./bot-identity.js";
import { listComments, type CommentFact } from "./comments.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * Posts each one-off comment (marker and text in the same comment) unless the app already did. When
 * it posted any, it reads the comments again and deletes later duplicates of the same marker, so two
 * instances racing each other end with exactly one (the earliest is kept). Returns the calls made.
 */
export async function postOnceRaceSafe(octokit: Octokit, r: RepoRef, issue: number, items: OnceComment[], known: CommentFact[]): Promise<number> {
  return (await counting(octokit, () => post(octokit, r, issue, items, known))).calls;
}

async function post(octokit: Octokit, r: RepoRef, issue: number, items: OnceComment[], known: CommentFact[]): Promise<void> {
  const own = known.filter(isOwnComment);
  const posted: string[] = [];
  for (const item of items) {
    if (own.some((c) => c.body.includes(item.marker)) || posted.includes(item.marker)) continue;
    await octokit.rest.issues.createComment({ ...r, issue_number: issue, body: `${item.marker}\n${item.body}` });
    posted.push(item.marker);
  }
  if (posted.length === 0) return;
  const after = (await listComments(octokit, r, issue)).filter(isOwnComment);
  for (const marker of posted) {
    const same = after.filter((c) => c.body.includes(marker)).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    for (const dup of same.slice(1)) {
      try {
        await octokit.rest.issues.deleteComment({ ...r, comment_id: dup.id });
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error; // the other instance deleted it first
      }
    }
  }
}
