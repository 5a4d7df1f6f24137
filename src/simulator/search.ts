import type { Core } from "./core.js";
import { HttpError } from "./errors.js";
import type { Issue, Repo } from "./types.js";

type Range = { lo: number; hi: number };
type Pred = (repo: Repo, issue: Issue) => boolean;

/** Splits a search query into terms, keeping quoted values ("label:\"a b\""). */
export function tokenize(q: string): string[] {
  return [...q.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0]);
}

const unquote = (v: string): string => v.replace(/"/g, "");

function bound(value: string, end: boolean): number {
  if (value === "*") return end ? Infinity : -Infinity;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new HttpError(422, "Validation Failed", [{ message: `Invalid date: ${value}`, resource: "Search", field: "q", code: "invalid" }]);
  return dateOnly && end ? ms + 86_399_999 : ms;
}

/** `>=D`, `>D`, `<=D`, `<D`, `A..B`, or `D` (that whole day / instant). */
export function parseRange(expr: string): Range {
  const m = /^(>=|<=|>|<)(.+)$/.exec(expr);
  if (m?.[1] && m[2]) {
    const v = m[2];
    if (m[1] === ">=") return { lo: bound(v, false), hi: Infinity };
    if (m[1] === ">") return { lo: bound(v, true) + 1, hi: Infinity };
    if (m[1] === "<=") return { lo: -Infinity, hi: bound(v, true) };
    return { lo: -Infinity, hi: bound(v, false) - 1 };
  }
  const [a = "*", b] = expr.split("..");
  return b === undefined ? { lo: bound(a, false), hi: bound(a, true) } : { lo: bound(a, false), hi: bound(b, true) };
}

const within = (iso: string | null, r: Range): boolean => iso !== null && Date.parse(iso) >= r.lo && Date.parse(iso) <= r.hi;
const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function qualifier(key: string, value: string, negate: boolean): Pred {
  const v = unquote(value);
  const pred: Pred = (() => {
    switch (key) {
      case "repo":
        return (repo) => eq(repo.fullName, v);
      case "org":
      case "user":
        return (repo) => eq(repo.owner, v);
      case "is":
      case "type":
        if (v === "issue") return (_r, i) => !i.pull;
        if (v === "pr" || v === "pull-request") return (_r, i) => !!i.pull;
        if (v === "open" || v === "closed") return (_r, i) => i.state === v;
        if (v === "merged") return (_r, i) => !!i.pull?.merged;
        if (v === "unmerged") return (_r, i) => !!i.pull && !i.pull.merged;
        if (v === "draft") return (_r, i) => !!i.pull?.draft;
        throw invalid(`is:${v}`);
      case "state":
        return (_r, i) => i.state === v;
      case "label": {
        const names = v.split(",");
        return (_r, i) => i.labels.some((l) => names.some((n) => eq(l, n)));
      }
      case "no":
        if (v === "label") return (_r, i) => i.labels.length === 0;
        if (v === "assignee") return (_r, i) => i.assignees.length === 0;
        throw invalid(`no:${v}`);
      case "author":
        return (_r, i) => eq(i.user, v);
      case "reviewed-by":
        // GitHub: pull requests a user has submitted a review on (any state)
        return (_r, i) => !!i.pull?.reviews.some((rv) => eq(rv.user, v));
      case "assignee":
        return (_r, i) => i.assignees.some((a) => eq(a, v));
      case "created":
      case "updated":
      case "closed": {
        const range = parseRange(v);
        return (_r, i) => within(key === "created" ? i.createdAt : key === "updated" ? i.updatedAt : i.closedAt, range);
      }
      case "in":
        return () => true;
      case "archived":
        // GitHub: `archived:false` leaves out the issues of archived repositories (`sim.archiveRepo`)
        if (v !== "true" && v !== "false") throw invalid(`archived:${v}`);
        return (repo) => String((repo as { archived?: boolean }).archived ?? false) === v;
      default:
        throw invalid(`${key}:${v}`);
    }
  })();
  return negate ? (r, i) => !pred(r, i) : pred;
}

function invalid(term: string): HttpError {
  return new HttpError(422, "Validation Failed", [{ message: `The qualifier ${term} is not supported by the simulator`, resource: "Search", field: "q", code: "invalid" }]);
}

/** Issues and pull requests matching a GitHub search query, over every repository. */
export function searchIssues(core: Core, q: string): Array<{ repo: Repo; issue: Issue }> {
  if (!q.trim()) throw new HttpError(422, "Validation Failed", [{ resource: "Search", field: "q", code: "missing" }]);
  const preds: Pred[] = [];
  const words: string[] = [];
  let titleOnly = false;
  for (const term of tokenize(q)) {
    const m = /^(-?)([a-z-]+):(.+)$/.exec(term);
    if (m?.[2] && m[3]) {
      if (m[2] === "in" && m[3].includes("title") && !m[3].includes("body")) titleOnly = true;
      preds.push(qualifier(m[2], m[3], m[1] === "-"));
    } else words.push(unquote(term).toLowerCase());
  }
  const out: Array<{ repo: Repo; issue: Issue }> = [];
  for (const repo of core.store.repos.values()) {
    for (const issue of repo.issues.values()) {
      if (!preds.every((p) => p(repo, issue))) continue;
      const text = (titleOnly ? issue.title : `${issue.title}\n${issue.body ?? ""}`).toLowerCase();
      if (words.every((w) => text.includes(w))) out.push({ repo, issue });
    }
  }
  return out;
}
