/** A git identity as a commit records it, with the GitHub login when it is known. */
export interface GitIdentity {
  name: string;
  email: string;
  /** GitHub login; null when the email maps to no account the GitHub layer could see. */
  login: string | null;
}

const TRAILER = /^[ \t]{0,8}co-authored-by[ \t]{0,8}:[ \t]{0,8}([^<\r\n]{0,256}?)[ \t]{0,8}<([^>\r\n]{1,320})>[ \t\r]*$/i;
const NOREPLY = /^(?:\d{1,12}\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\.github\.com$/i;

/** The login in a GitHub noreply address: noreplyLogin("123+alice@users.noreply.github.com") === "alice". */
export function noreplyLogin(email: string): string | null {
  return NOREPLY.exec(email.trim())?.[1] ?? null;
}

/**
 * Co-authors named by `Co-authored-by: Name <email>` lines anywhere in a commit message (not only in
 * the final trailer block: for a security gate, over-counting authors is the safe side).
 * Example: parseCoAuthors("fix\n\nCo-authored-by: Bo <bo@x.org>") -> [{ name: "Bo", email: "bo@x.org", login: null }]
 */
export function parseCoAuthors(message: string): GitIdentity[] {
  const out: GitIdentity[] = [];
  const seen = new Set<string>();
  for (const line of message.split("\n")) {
    if (line.length > 700) continue;
    const m = TRAILER.exec(line);
    if (!m) continue;
    const email = m[2]!.trim();
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: m[1]!.trim(), email, login: noreplyLogin(email) });
  }
  return out;
}
