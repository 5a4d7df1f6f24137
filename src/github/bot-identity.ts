/** How the app recognises its own comments: a bot account, optionally the app id that posted it. */
export interface CommentAuthor {
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/** The app's id from the environment (APP_ID), when known. */
export function appId(): number | null {
  const id = Number(process.env.APP_ID);
  return Number.isFinite(id) && id > 0 ? id : null;
}

/** Was this comment written by this app? (Never trust a marker in a comment written by a person.) */
export function isOwnComment(c: CommentAuthor): boolean {
  if (c.user?.type !== "Bot") return false;
  const id = appId();
  const via = c.performed_via_github_app?.id;
  return id === null || via === undefined || via === id;
}

/** Is this sender a bot (the app itself or any other)? The app never reacts to bots' commands. */
export function isBot(sender: { type?: string; login?: string } | null | undefined): boolean {
  return sender?.type === "Bot" || /\[bot\]$/.test(sender?.login ?? "");
}
