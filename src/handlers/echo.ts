/**
 * GitHub follows `opened` with a `labeled` event for each label the issue or pull request was opened
 * with. `opened` already saw those labels, so these echoes are skipped (trigger filtering).
 */
export function isCreationEcho(p: {
  action: string;
  sender?: { login: string } | null;
  issue?: { user?: { login: string } | null; created_at: string; updated_at: string };
  pull_request?: { user?: { login: string } | null; created_at: string; updated_at: string };
}): boolean {
  const item = p.pull_request ?? p.issue;
  if (p.action !== "labeled" || !item) return false;
  return !!p.sender && p.sender.login === item.user?.login && item.created_at === item.updated_at;
}
