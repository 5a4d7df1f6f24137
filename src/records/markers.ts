/** Hidden markers of one-off notices the app writes on a record (each posted at most once, by any instance). */
export const NOTICE = {
  securityRouted: "<!-- ims-notice security-routed -->",
  majorNotified: "<!-- ims-notice major-notified -->",
} as const;

/** The marker of a "reopened: no root cause" notice, one per close (the close time tells closes apart). */
export function reopenMarker(closedAt: string): string {
  return `<!-- ims-notice reopened closed-at=${encodeURIComponent(closedAt)} -->`;
}
