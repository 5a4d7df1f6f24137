import { counting } from "./call-counter.js";
import type { Card } from "../records/card.js";
import { cardHash, embeddedHash, isCard, renderCard } from "../records/card.js";
import type { OnceComment } from "../core/plan.js";
import { isAppAuthored, isOwnComment } from "./bot-identity.js";
import { markEdited, rememberOwnWrites, type EditVerdict } from "./own-writes.js";
import type { Octokit, RepoRef } from "./types.js";

/** A comment as the app needs it. */
export interface CommentFact {
  id: number;
  body: string;
  user: { login: string; type: string } | null;
  created_at: string;
  /** When it was last edited (GitHub sets it at creation, then at every edit); absent where not read. */
  updated_at?: string;
  performed_via_github_app?: { id?: number } | null;
  /** The app's comment, edited by someone since the app wrote it: its markers are not believed (isOwnComment). */
  edited?: EditVerdict;
}

/**
 * Reads every comment of an issue (100 a page), each of the app's own that someone edited since marked
 * `edited` (no extra request: the app's memory of what it wrote, and GitHub's `updated_at`).
 */
export async function listComments(octokit: Octokit, r: RepoRef, issue: number): Promise<CommentFact[]> {
  // whatever the app writes on from here on is remembered (the guard and the sweep hook it earlier)
  rememberOwnWrites(octokit);
  const all = await octokit.paginate(octokit.rest.issues.listComments, { ...r, issue_number: issue, per_page: 100 });
  const facts: CommentFact[] = all.map((c) => ({
    id: c.id,
    body: c.body ?? "",
    user: c.user ? { login: c.user.login, type: c.user.type } : null,
    created_at: c.created_at,
    updated_at: c.updated_at,
    performed_via_github_app: c.performed_via_github_app ? { id: c.performed_via_github_app.id } : null,
  }));
  await markEdited(octokit, r, facts);
  return facts;
}

/** The app's card comments on an issue, oldest first (edited ones too: the card is rewritten, never read for state). */
export function ownCards(comments: CommentFact[]): CommentFact[] {
  return comments.filter((c) => isAppAuthored(c) && isCard(c.body));
}

/**
 * Creates the card, or edits it in place only when its content hash changed or someone edited it (the
 * edit is undone). Extra cards (left by a race between two instances) are removed so exactly one
 * remains. Returns the calls made.
 */
export async function upsertCard(octokit: Octokit, r: RepoRef, issue: number, card: Card, comments: CommentFact[] | null): Promise<number> {
  const cards = comments ? ownCards(comments) : [];
  const [first, ...extra] = cards;
  const { calls } = await counting(octokit, async () => {
    if (!first) await octokit.rest.issues.createComment({ ...r, issue_number: issue, body: renderCard(card) });
    else if (first.edited || embeddedHash(first.body) !== cardHash(card)) await octokit.rest.issues.updateComment({ ...r, comment_id: first.id, body: renderCard(card) });
    for (const c of extra) await octokit.rest.issues.deleteComment({ ...r, comment_id: c.id });
  });
  return calls;
}

/** Posts each one-off comment unless the app already posted one with its marker (comments are read when not given). */
export async function postOnce(octokit: Octokit, r: RepoRef, issue: number, items: OnceComment[], comments: CommentFact[] | null): Promise<number> {
  if (items.length === 0) return 0;
  const { calls } = await counting(octokit, async () => {
    const own = (comments ?? (await listComments(octokit, r, issue))).filter(isOwnComment);
    for (const item of items) {
      if (own.some((c) => c.body.includes(item.marker))) continue;
      await octokit.rest.issues.createComment({ ...r, issue_number: issue, body: `${item.marker}\n${item.body}` });
    }
  });
  return calls;
}
