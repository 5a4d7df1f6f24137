/** A permission level GitHub grants an app. */
export type Level = "read" | "write" | "admin";

const RANK: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** A permission an installation lacks, and what it costs. */
export interface MissingPermission {
  permission: string;
  needed: Level;
  granted: string | null;
  for: string;
}

/** What onboarding needs beyond the rest of the app, and why (README "Permissions"). */
export const ONBOARDING_NEEDS: ReadonlyArray<{ permission: string; level: Level; for: string }> = [
  { permission: "contents", level: "write", for: "the onboarding pull request's branch and files" },
  { permission: "pull_requests", level: "write", for: "opening the onboarding pull request" },
  { permission: "issues", level: "write", for: "creating the app's labels" },
];

/**
 * The permissions an installation has not accepted (GitHub keeps the old ones until an owner accepts
 * new ones), from the installation's `permissions` as webhooks and `GET /app/installations/{id}` give them.
 */
export function missingPermissions(
  granted: Readonly<Record<string, string | undefined>> | undefined,
  needs: ReadonlyArray<{ permission: string; level: Level; for: string }> = ONBOARDING_NEEDS,
): MissingPermission[] {
  const have = granted ?? {};
  return needs
    .filter((n) => (RANK[have[n.permission] ?? ""] ?? 0) < RANK[n.level]!)
    .map((n) => ({ permission: n.permission, needed: n.level, granted: have[n.permission] ?? null, for: n.for }));
}

/** One line for a log or the dashboard: what is missing and how to fix it. */
export function describeMissing(missing: readonly MissingPermission[]): string {
  const list = missing.map((m) => `${m.permission}: ${m.needed} (has ${m.granted ?? "none"}; for ${m.for})`).join(", ");
  return `the installation has not accepted ${list}: an owner accepts them under Settings → GitHub Apps → ims-bot → Review request`;
}

/** The same for an installation as webhooks and `GET /app/installations/{id}` describe it (the dashboard's fact). */
export function missingPermissionsOf(installation: { permissions?: Readonly<Record<string, string | undefined>> } | null | undefined): MissingPermission[] {
  return missingPermissions(installation?.permissions);
}
