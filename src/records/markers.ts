/** Hidden markers of one-off notices the app writes on a record (each posted at most once, by any instance). */
export const NOTICE = {
  securityRouted: "<!-- ims-notice security-routed -->",
  majorNotified: "<!-- ims-notice major-notified -->",
} as const;

/** The marker of a "reopened: no root cause" notice, one per close (the close time tells closes apart). */
export function reopenMarker(closedAt: string): string {
  return `<!-- ims-notice reopened closed-at=${encodeURIComponent(closedAt)} -->`;
}

/** The marker of the notice that someone edited the app's comment `commentId` (one notice per comment). */
export function editedMarker(commentId: number): string {
  return `<!-- ims-notice edited comment=${commentId} -->`;
}

/**
 * The notices for the app's comments someone edited since the app wrote it (`edited` set by the
 * reader): what the app now does instead of believing them. Pure.
 */
export function editedNotices(comments: ReadonlyArray<{ id: number; edited?: "edited" | "unverified" | undefined; body: string }>): Array<{ marker: string; body: string }> {
  return comments
    .filter((c) => c.edited === "edited")
    .map((c) => ({
      marker: editedMarker(c.id),
      body:
        `⚠️ Someone edited [ims-bot's comment](#issuecomment-${c.id}) after ims-bot wrote it (its edit history says who). ` +
        "Anyone with write access can edit any comment, so ims-bot no longer believes the hidden state in that one: " +
        "it acts as if the comment were not there (an escalation, notice or link in it is made again, a card or deployment note is rewritten from what GitHub shows).",
    }));
}
