import { withCalls } from "./call-counter.js";
import type { BaseChange, CommitFacts, GitIdentity, PushFacts } from "../change/facts.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** GitHub lists at most 250 commits of a pull request in GraphQL too; 100 per page. */
const MAX_PAGES = 3;
/** Co-authors per commit read; a commit naming more is reported, not silently cut. */
const AUTHORS = 20;
/** Base changes and force-pushes read (one page); more makes the history unknown. */
const EVENTS = 100;

const QUERY = /* GraphQL */ `
query($owner: String!, $name: String!, $number: Int!, $after: String, $events: Boolean!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid committer { email name user { login } } authors(first: ${AUTHORS}) { totalCount nodes { email name user { login } } } } }
      }
      timelineItems(first: ${EVENTS}, itemTypes: [BASE_REF_CHANGED_EVENT, HEAD_REF_FORCE_PUSHED_EVENT]) @include(if: $events) {
        totalCount
        nodes {
          __typename
          ... on BaseRefChangedEvent { createdAt actor { login } previousRefName currentRefName }
          ... on HeadRefForcePushedEvent { createdAt actor { login } }
        }
      }
    }
  }
}`;

interface Actor { email: string | null; name: string | null; user: { login: string } | null }
interface Page {
  repository: { pullRequest: {
    commits: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ commit: { oid: string; committer: Actor | null; authors: { totalCount: number; nodes: Array<Actor | null> } } } | null> };
    timelineItems?: { totalCount: number; nodes: Array<{ __typename: string; createdAt: string; actor: { login: string } | null; previousRefName?: string; currentRefName?: string } | null> };
  } | null } | null;
}

export interface PullHistory {
  /** The commits with every git identity GitHub could link to an account filled in. */
  commits: CommitFacts[];
  baseChanges: BaseChange[];
  /** Force-pushes by account, from the timeline (it records the actor; ordinary pushes are not in it). */
  forcePushes: PushFacts[];
  unknown?: string;
  calls: number;
}

/**
 * One GraphQL query (a page per 100 commits) instead of a call per commit: for every commit, the
 * accounts GitHub links its author, `Co-authored-by:` trailers and committer to, by any verified e-mail
 * of the account (a work address too, not only noreply ones); and the timeline's base changes and
 * force-pushes. Anything that cannot be read leaves `unknown`, which no approval can pass.
 */
export async function readPullHistory(octokit: Octokit, r: RepoRef, number: number, commits: CommitFacts[], headRef: string): Promise<PullHistory> {
  return withCalls(octokit, async () => {
    const byOid = new Map<string, { committer: Actor | null; authors: Array<Actor | null>; more: boolean }>();
    const baseChanges: BaseChange[] = [];
    const forcePushes: PushFacts[] = [];
    let unknown: string | undefined;
    let after: string | null = null;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const data: Page = await octokit.graphql<Page>(QUERY, { owner: r.owner, name: r.repo, number, after, events: page === 0 });
        const pr = data.repository?.pullRequest;
        if (!pr) return { commits, baseChanges, forcePushes, unknown: "the pull request's commit accounts cannot be read (GitHub returned no pull request)" };
        for (const n of pr.commits.nodes) {
          if (n) byOid.set(n.commit.oid, { committer: n.commit.committer, authors: n.commit.authors.nodes, more: n.commit.authors.totalCount > n.commit.authors.nodes.length });
        }
        if (pr.timelineItems) {
          if (pr.timelineItems.totalCount > pr.timelineItems.nodes.length) unknown = `the pull request has more than ${EVENTS} base changes and force-pushes, so not all were read`;
          for (const e of pr.timelineItems.nodes) {
            if (e?.__typename === "BaseRefChangedEvent") baseChanges.push({ from: e.previousRefName ?? "", to: e.currentRefName ?? "", at: e.createdAt, actor: e.actor?.login ?? null });
            if (e?.__typename === "HeadRefForcePushedEvent" && e.actor) forcePushes.push({ actor: e.actor.login, kind: "force_push", ref: headRef, at: e.createdAt, source: "timeline" });
          }
        }
        if (!pr.commits.pageInfo.hasNextPage) break;
        after = pr.commits.pageInfo.endCursor;
      }
    } catch (error) {
      if (statusOf(error) === undefined && !(error as { errors?: unknown }).errors) throw error;
      return { commits, baseChanges, forcePushes, unknown: `the pull request's commit accounts and base changes cannot be read: ${(error as Error).message}` };
    }
    const more = [...byOid.values()].some((v) => v.more);
    if (more && !unknown) unknown = `a commit names more than ${AUTHORS} authors, so not all could be linked to accounts`;
    return { commits: commits.map((c) => withAccounts(c, byOid.get(c.sha))), baseChanges, forcePushes, ...(unknown ? { unknown } : {}) };
  });
}

const key = (email: string | null | undefined) => (email ?? "").trim().toLowerCase();

/** Fills the logins GitHub resolved; a co-author GitHub lists that the message parser missed is added. */
function withAccounts(c: CommitFacts, read: { committer: Actor | null; authors: Array<Actor | null> } | undefined): CommitFacts {
  if (!read) return c;
  const linked = new Map<string, string>();
  for (const a of [...read.authors, read.committer]) if (a?.user?.login && key(a.email)) linked.set(key(a.email), a.user.login);
  const fill = (g: GitIdentity): GitIdentity => (g.login ? g : { ...g, login: linked.get(key(g.email)) ?? null });
  const [, ...coAuthors] = read.authors;
  const known = new Set(c.coAuthors.map((a) => key(a.email)));
  const extra = coAuthors.filter((a): a is Actor => a !== null && !known.has(key(a.email)) && key(a.email) !== key(c.author.email))
    .map((a) => ({ name: a.name ?? "", email: a.email ?? "", login: a.user?.login ?? null }));
  return { ...c, author: fill(c.author), committer: fill(c.committer), coAuthors: [...c.coAuthors.map(fill), ...extra] };
}
