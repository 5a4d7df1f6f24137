import { visibleText } from "./visible.js";

/** A reference from a pull-request body to an issue that may be its change record. */
export interface ChangeLink {
  /** `change`: a `Change:` line (always a change record); `closing`: a closing keyword. */
  kind: "change" | "closing";
  /** `owner/name`, or null for the pull request's own repository. */
  repo: string | null;
  number: number;
}

/** A link with its repository filled in (`owner/name`). */
export interface ResolvedLink {
  kind: "change" | "closing";
  repo: string;
  number: number;
}

// Every quantifier is bounded, so each match attempt costs a constant: the scan is linear in the body.
const LINK =
  /(?<![A-Za-z0-9_])(change|close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?:\*{0,2}([ \t]{0,8}:)(?:\*\*|__)?[ \t]{0,8}|[ \t]{1,8})(?:#|([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})#|https?:\/\/([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})\/issues\/)(\d{1,9})(?![0-9A-Za-z_])/gi;

/**
 * Change links in a pull-request body, in order, ignoring code and HTML comments.
 * `Change: #12`, `Change: owner/repo#12`, `fixes #3`, `Closes https://github.com/o/r/issues/4`.
 * Example: parseChangeLinks("Change: #12") -> [{ kind: "change", repo: null, number: 12 }]
 */
export function parseChangeLinks(body: string, options: { host?: string } = {}): ChangeLink[] {
  const host = (options.host ?? "github.com").toLowerCase();
  const text = visibleText(body);
  const links: ChangeLink[] = [];
  for (const m of text.matchAll(LINK)) {
    const keyword = m[1]!.toLowerCase();
    const hasColon = m[2] !== undefined;
    if (keyword === "change" && !hasColon) continue;
    const number = Number(m[8]);
    if (number < 1) continue;
    const kind = keyword === "change" ? "change" : "closing";
    if (m[3] !== undefined) links.push({ kind, repo: `${m[3]}/${m[4]!}`, number });
    else if (m[5] !== undefined) {
      if (m[5].toLowerCase() !== host) continue;
      links.push({ kind, repo: `${m[6]!}/${m[7]!}`, number });
    } else links.push({ kind, repo: null, number });
  }
  return links;
}

/** Same-repository links get `repo`; duplicates collapse, and a `Change:` link outranks a closing keyword. */
export function resolveLinks(links: ChangeLink[], repo: string): ResolvedLink[] {
  const byKey = new Map<string, ResolvedLink>();
  for (const link of links) {
    const full = link.repo ?? repo;
    const key = linkKey(full, link.number);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { kind: link.kind, repo: full, number: link.number });
    else if (link.kind === "change") seen.kind = "change";
  }
  return [...byKey.values()];
}

/** Case-insensitive identity of an issue: repository names on GitHub ignore case. */
export function linkKey(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

/** `#12` for the same repository, `owner/name#12` otherwise. */
export function formatLink(link: { repo: string; number: number }, baseRepo: string): string {
  return link.repo.toLowerCase() === baseRepo.toLowerCase() ? `#${link.number}` : `${link.repo}#${link.number}`;
}

// `Risk: #12`, `Risk: owner/name#12`, `Risk: https://github.com/o/r/issues/12`; bounded like LINK.
const RISK_LINK =
  /(?<![A-Za-z0-9_])risk\*{0,2}[ \t]{0,8}:(?:\*\*|__)?[ \t]{0,8}(?:#|([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})#|https?:\/\/([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})\/issues\/)(\d{1,9})(?![0-9A-Za-z_])/gi;

/**
 * Risk-record links in a pull-request body (`Risk: #12`), ignoring code and HTML comments, resolved
 * to the pull request's repository and deduplicated. A `Risk:` link never makes a pull request a change.
 * Example: parseRiskLinks("Risk: #12", "acme/web") -> [{ kind: "change", repo: "acme/web", number: 12 }]
 */
export function parseRiskLinks(body: string, repo: string, options: { host?: string } = {}): ResolvedLink[] {
  const host = (options.host ?? "github.com").toLowerCase();
  const out = new Map<string, ResolvedLink>();
  for (const m of visibleText(body).matchAll(RISK_LINK)) {
    const number = Number(m[6]);
    if (number < 1) continue;
    let full = repo;
    if (m[1] !== undefined) full = `${m[1]}/${m[2]!}`;
    else if (m[3] !== undefined) {
      if (m[3].toLowerCase() !== host) continue;
      full = `${m[4]!}/${m[5]!}`;
    }
    const key = linkKey(full, number);
    if (!out.has(key)) out.set(key, { kind: "change", repo: full, number });
  }
  return [...out.values()];
}
