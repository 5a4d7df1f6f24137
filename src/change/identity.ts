import type { Account, CommitFacts, MemberList } from "./facts.js";
import type { GitIdentity } from "./trailers.js";
import { noreplyLogin } from "./trailers.js";

/** GitHub's own committer for web merges and edits; it authors nothing a person wrote. */
const WEB_FLOW = "web-flow";

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function isBot(account: Account): boolean {
  return account.type === "Bot" || account.login.toLowerCase().endsWith("[bot]");
}

/**
 * Whether a git identity may be the account `login`: its resolved login, its noreply address, or a
 * name spelled like the login. Over-matching only ever excludes a reviewer, which is the safe side.
 */
export function identityIs(identity: GitIdentity, login: string): boolean {
  if (identity.login && sameLogin(identity.login, login)) return true;
  const fromEmail = noreplyLogin(identity.email);
  if (fromEmail && sameLogin(fromEmail, login)) return true;
  return identity.name.trim() !== "" && sameLogin(identity.name.trim(), login);
}

/** How `login` took part in writing a commit, or null. Target-only merges are skipped when they are trusted. */
export function authorship(login: string, commit: CommitFacts): string | null {
  if (identityIs(commit.author, login)) return "author";
  if (commit.coAuthors.some((c) => identityIs(c, login))) return "co-author";
  if (!sameLogin(commit.committer.login ?? "", WEB_FLOW) && identityIs(commit.committer, login)) return "committer";
  return null;
}

/** Membership of `login`: true, false, or the reason it cannot be known. */
export function isMember(list: MemberList | undefined, login: string): boolean | { unknown: string } {
  if (!list) return { unknown: "membership was not read" };
  if (list.status === "unknown") return { unknown: list.reason };
  return list.logins.some((l) => sameLogin(l, login));
}
