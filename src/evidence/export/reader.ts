import type { RawDocument } from "../types.js";
import type { Fetched, GitHubClient } from "./client.js";
import { readConfigChain } from "./config-chain.js";
import type { Conn, GqlIssue, GqlPull, RepoIndex, SpoolNode } from "./gql-types.js";
import { ISSUES_STALE_OPEN, ISSUES_UPDATED } from "./queries/issues.js";
import { OVERFLOW, type OverflowKind } from "./queries/overflow.js";
import { PULLS } from "./queries/pulls.js";
import { repoKey, type RepoSpool } from "./spool.js";
import { readDeployments } from "./deployments.js";
import { readDirectPushes } from "./direct-pushes.js";
import { KIND_IDS, kindLabel, type KindId } from "../../records/kinds.js";

/** The kind labels, in the order read; an issue with two of them counts as the first (the registry's precedence). */
export const KIND_LABELS = KIND_IDS.map((k) => [k, kindLabel(k)] as const);

/** Where each kind's issues are counted in a repository's summary. */
const SUMMARY_FIELD: Record<KindId, "incidents" | "problems" | "changeIssues" | "improvements" | "risks"> = { incident: "incidents", problem: "problems", change: "changeIssues", improvement: "improvements", risk: "risks" };

export interface ReadContext {
  client: GitHubClient;
  period: { from: string; to: string };
  /** Called after each page with the number of record candidates read so far in this repository. */
  onPage?: (records: number) => void;
  /** Take a 404 for the owner's `.github` repository as "it has none" (recorded in the bundle). */
  noOrgConfig?: boolean;
}

export interface RepoSummary {
  repo: string;
  incidents: number;
  problems: number;
  changeIssues: number;
  improvements: number;
  risks?: number;
  pulls: number;
  deployments?: number;
  raw: number;
}

/**
 * Reads one repository into its spool: the repository, its config, the issues of each kind label active
 * in the period and the pull requests updated in it, 100 a page with nested connections; a nested
 * connection with more than one page is completed with `node(id:)` queries before the node is spooled.
 */
export async function readRepo(ctx: ReadContext, repo: string, spool: RepoSpool): Promise<RepoSummary> {
  const [owner = "", name = ""] = repo.split("/");
  const { client } = ctx;
  const from = Date.parse(ctx.period.from);
  const to = Date.parse(ctx.period.to);
  let seq = 0;
  const summary: RepoSummary = { repo, incidents: 0, problems: 0, changeIssues: 0, improvements: 0, risks: 0, pulls: 0, raw: 0 };
  const keep = async (f: Fetched, label: string): Promise<string> => {
    const id = `${repoKey(repo)}.${String(++seq).padStart(5, "0")}.${label}`;
    const doc: RawDocument = { kind: "raw", id, ...f };
    await spool.raw.write(doc);
    summary.raw++;
    return id;
  };
  const opts = { owner, repo };

  // The repository itself: a clear 401 / 403 / 404 before anything else.
  await keep(await client.rest(`/repos/${owner}/${name}`, null, `reading ${repo}`, opts), "repository");
  // The config as the app reads it: the repository's file, else the owner's .github repository's, then `_extends`.
  const cfg = await readConfigChain(client, owner, name, { ...opts, noOrgConfig: ctx.noOrgConfig ?? false });
  let cfgId: string | null = null;
  for (const [i, f] of cfg.fetched.entries()) {
    const id = await keep(f, i === 0 ? "config" : `config-${i + 1}`);
    cfgId ??= id;
  }
  const index: RepoIndex = { repo, config: { text: cfg.text, source: cfgId, provenance: cfg.provenance }, issues: {} };

  const seen = new Set<number>();
  let candidates = 0;
  const active = (createdAt: string, open: boolean, closedAt: string | null) =>
    Date.parse(createdAt) <= to && (open || (closedAt !== null && Date.parse(closedAt) >= from));

  for (const [kind, label] of KIND_LABELS) {
    const issueNode = async (node: GqlIssue, page: string) => {
      if (seen.has(node.number)) return;
      seen.add(node.number);
      index.issues[node.number] = { kind, closedAt: node.state === "CLOSED" ? node.closedAt : null, url: node.url, ...mentionsOf(kind, node) };
      if (!active(node.createdAt, node.state === "OPEN", node.closedAt)) return;
      const sources = [page, ...(await completeIssue(node))];
      await spool.nodes.write({ t: "issue", kind, node, sources } satisfies SpoolNode);
      candidates++;
      summary[SUMMARY_FIELD[kind]]++;
    };
    // Updated in or after the period: everything that happened in it.
    for (let after: string | null = null, n = 1; ; n++) {
      const f = await client.graphql(ISSUES_UPDATED, { owner, name, label, since: ctx.period.from, after }, `reading ${repo} ${label} issues (page ${n})`, opts);
      const page = await keep(f, `issues-${kind}-updated-${n}`);
      const conn = issuesOf(f);
      for (const node of conn.nodes) await issueNode(node, page);
      ctx.onPage?.(candidates);
      if (!conn.pageInfo?.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    // Open all period long without an update: least recently updated first, up to the first one updated in the period.
    stale: for (let after: string | null = null, n = 1; ; n++) {
      const f = await client.graphql(ISSUES_STALE_OPEN, { owner, name, label, after }, `reading ${repo} open ${label} issues (page ${n})`, opts);
      const page = await keep(f, `issues-${kind}-open-${n}`);
      const conn = issuesOf(f);
      for (const node of conn.nodes) {
        if (Date.parse(node.updatedAt) >= from) break stale;
        await issueNode(node, page);
      }
      ctx.onPage?.(candidates);
      if (!conn.pageInfo?.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
  }

  // Pull requests, most recently updated first, down to the period start.
  for (let after: string | null = null, n = 1; ; n++) {
    const f = await client.graphql(PULLS, { owner, name, after }, `reading ${repo} pull requests (page ${n})`, opts);
    const page = await keep(f, `pulls-${n}`);
    const conn = (f.body as { data: { repository: { pullRequests: Conn<GqlPull> } } }).data.repository.pullRequests;
    let older = false;
    for (const node of conn.nodes) {
      if (node.merged && node.mergeCommit) (index.merged ??= {})[node.mergeCommit.oid] = node.number;
      if (Date.parse(node.updatedAt) < from) {
        older = true;
        break;
      }
      if (!active(node.createdAt, node.state === "OPEN", node.closedAt ?? node.mergedAt)) continue;
      const sources = [page, ...(await completePull(node))];
      await spool.nodes.write({ t: "pull", node, sources } satisfies SpoolNode);
      summary.pulls++;
      candidates++;
    }
    ctx.onPage?.(candidates);
    if (older || !conn.pageInfo?.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  summary.deployments = await readDeployments(client, repo, ctx.period, keep, spool, index);
  index.directPushes = await readDirectPushes(client, repo, ctx.period, keep, index);
  await spool.finish(index, summary);
  return summary;

  /** Fetches the rest of each nested connection that had more than one page; returns the raw ids. */
  async function more<T>(id: string, number: number, kind: OverflowKind, conn: Conn<T>): Promise<string[]> {
    const ids: string[] = [];
    const { field, query } = OVERFLOW[kind];
    for (let n = 1; conn.pageInfo?.hasNextPage; n++) {
      const f = await client.graphql(query, { id, after: conn.pageInfo.endCursor }, `reading ${repo}#${number} ${field} (page ${n + 1})`, opts);
      ids.push(await keep(f, `${kind}-${number}-${n + 1}`));
      const next = ((f.body as { data: { node: Record<string, Conn<T>> } }).data.node[field] ?? { nodes: [] }) as Conn<T>;
      conn.nodes.push(...next.nodes);
      conn.pageInfo = next.pageInfo ?? { hasNextPage: false, endCursor: null };
    }
    return ids;
  }

  async function completeIssue(node: GqlIssue): Promise<string[]> {
    return [...(await more(node.id, node.number, "issueLabels", node.labels)), ...(await more(node.id, node.number, "issueTimeline", node.timelineItems))];
  }

  async function completePull(node: GqlPull): Promise<string[]> {
    return [
      ...(await more(node.id, node.number, "pullLabels", node.labels)),
      ...(await more(node.id, node.number, "pullFiles", node.files)),
      ...(await more(node.id, node.number, "pullReviews", node.reviews)),
      ...(await more(node.id, node.number, "pullCommits", node.commits)),
      ...(await more(node.id, node.number, "pullTimeline", node.timelineItems)),
    ];
  }
}

/** The issues of the same repository that mention a change record (its cross-references): DORA links incidents to changes by them. */
function mentionsOf(kind: KindId, node: GqlIssue): { mentionedBy?: number[] } {
  if (kind !== "change") return {};
  const repo = node.url.split("/").slice(-4, -2).join("/").toLowerCase();
  const by = node.timelineItems.nodes.flatMap((i) => (i.__typename === "CrossReferencedEvent" && i.source?.repository?.nameWithOwner.toLowerCase() === repo && i.source.number ? [i.source.number] : []));
  return by.length ? { mentionedBy: [...new Set(by)] } : {};
}

function issuesOf(f: Fetched): Conn<GqlIssue> {
  return (f.body as { data: { repository: { issues: Conn<GqlIssue> } } }).data.repository.issues;
}
