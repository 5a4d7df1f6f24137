import { parse } from "yaml";
import { resolveConfig } from "../../config/resolve.js";
import type { Fetched, GitHubClient } from "./client.js";
import type { RepoIndex } from "./gql-types.js";
import { BRANCH_HISTORY } from "./queries/history.js";

/** The management system's own config: a direct push that changes it is always an exception. */
export const CONFIG_FILE = ".github/ims.yml";

/** A commit on the default branch that no merged pull request into it brought, and what it touched that matters. */
export interface DirectPush {
  repo: string;
  sha: string;
  url: string;
  at: string;
  author: string | null;
  headline: string;
  /** `.github/ims.yml`, and each change path (glob) whose folder the commit touched. */
  touched: string[];
  /** The raw documents (raw/<id>.json) the commit was read from. */
  sources: string[];
}

interface HistoryNode {
  oid: string;
  url: string;
  committedDate: string;
  messageHeadline: string;
  author: { name: string | null; user: { login: string } | null } | null;
  associatedPullRequests: { nodes: Array<{ number: number; merged: boolean; baseRefName: string }> } | null;
}
interface HistoryPage {
  data: { repository: { defaultBranchRef: { name: string; target: { history?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: HistoryNode[] } } | null } | null } };
}

/**
 * The folder GitHub's `history(path:)` can narrow to for a change-path glob: the part before its first
 * wildcard, up to the last `/` (`src/**` -> `src`, `infra/*.tf` -> `infra`, `**\/*.tf` -> "" (everything)).
 */
export function globFolder(glob: string): string {
  const wild = glob.search(/[*?[{]/);
  if (wild < 0) return glob;
  const head = glob.slice(0, wild);
  return head.includes("/") ? head.slice(0, head.lastIndexOf("/")) : "";
}

/**
 * Reads the default branch's history in the period (GraphQL `history`), keeps the commits no merged
 * pull request into that branch brought, and, only when there are any, reads the history narrowed to
 * `.github/ims.yml` and to each change path's folder to say which of them they touched. A change path
 * is matched by its folder (GraphQL gives no file list per commit): a push under `src/` counts for `src/**`.
 */
export async function readDirectPushes(client: GitHubClient, repo: string, period: { from: string; to: string }, keep: (f: Fetched, label: string) => Promise<string>, index: RepoIndex): Promise<DirectPush[]> {
  const [owner = "", name = ""] = repo.split("/");
  const opts = { owner, repo };
  const walk = async (path: string | null, label: string) => {
    const out: Array<HistoryNode & { source: string }> = [];
    let branch: string | null = null;
    for (let after: string | null = null, n = 1; ; n++) {
      const f = await client.graphql(BRANCH_HISTORY, { owner, name, since: new Date(period.from).toISOString(), until: new Date(period.to).toISOString(), path, after }, `reading ${repo} default branch history${path ? ` of ${path}` : ""} (page ${n})`, opts);
      const id = await keep(f, `history-${label}-${n}`);
      const ref = (f.body as HistoryPage).data.repository.defaultBranchRef;
      branch = ref?.name ?? null;
      const h = ref?.target?.history;
      if (!h) break;
      out.push(...h.nodes.map((c) => ({ ...c, source: id })));
      if (!h.pageInfo.hasNextPage) break;
      after = h.pageInfo.endCursor;
    }
    return { branch, commits: out };
  };
  const all = await walk(null, "all");
  const direct = all.commits.filter((c) => !(c.associatedPullRequests?.nodes ?? []).some((p) => p.merged && p.baseRefName === all.branch));
  if (!direct.length) return [];
  let raw: unknown = null;
  try {
    raw = index.config.text === null ? null : parse(index.config.text);
  } catch {
    raw = null;
  }
  const config = resolveConfig(raw).config;
  const watched: Array<{ what: string; folder: string }> = [{ what: CONFIG_FILE, folder: CONFIG_FILE }, ...config.change.paths.map((g) => ({ what: `change path ${g}`, folder: globFolder(g) }))];
  const touched = new Map<string, { what: string[]; sources: string[] }>();
  const byFolder = new Map<string, Awaited<ReturnType<typeof walk>>>();
  for (const [i, w] of watched.entries()) {
    let h = byFolder.get(w.folder);
    if (!h) byFolder.set(w.folder, (h = w.folder === "" ? all : await walk(w.folder, `path-${i}`)));
    for (const c of h.commits) {
      const t = touched.get(c.oid) ?? { what: [], sources: [] };
      if (!t.what.includes(w.what)) t.what.push(w.what);
      if (!t.sources.includes(c.source)) t.sources.push(c.source);
      touched.set(c.oid, t);
    }
  }
  return direct.flatMap((c) => {
    const t = touched.get(c.oid);
    if (!t) return [];
    return [{ repo, sha: c.oid, url: c.url, at: c.committedDate, author: c.author?.user?.login ?? c.author?.name ?? null, headline: c.messageHeadline, touched: t.what, sources: [c.source, ...t.sources.filter((s) => s !== c.source)] }];
  });
}
