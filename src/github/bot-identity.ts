/** How the app recognises its own comments: a bot account, optionally the app id that posted it. */
export interface CommentAuthor {
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
  /** Set on a comment of the app's that someone edited since the app wrote it (src/github/own-writes.ts). */
  edited?: "edited" | "unverified" | undefined;
}

/** The app's id from the environment (APP_ID), when known. */
export function appId(): number | null {
  const id = Number(process.env.APP_ID);
  return Number.isFinite(id) && id > 0 ? id : null;
}

/**
 * Was this comment (or issue) written by this app? Never trust a marker in what a person wrote, nor in
 * what another app wrote: GitHub names the app behind every app-written comment
 * (`performed_via_github_app`); with APP_ID known, it must be this one. Authorship only: use it to
 * find a comment to rewrite, never to read a marker (isOwnComment).
 */
export function isAppAuthored(c: CommentAuthor): boolean {
  if (c.user?.type !== "Bot") return false;
  const id = appId();
  return id === null || c.performed_via_github_app?.id === id;
}

/**
 * May the app believe the markers in this comment (or issue)? Written by this app, and not edited by
 * anyone since (listComments marks those: anyone with write access may edit the app's comments).
 */
export function isOwnComment(c: CommentAuthor): boolean {
  return isAppAuthored(c) && !c.edited;
}

/** Is this sender a bot (the app itself or any other)? The app never reacts to bots' commands. */
export function isBot(sender: { type?: string; login?: string } | null | undefined): boolean {
  return sender?.type === "Bot" || /\[bot\]$/.test(sender?.login ?? "");
}
