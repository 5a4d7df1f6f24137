import { GraphQLError } from "graphql";
import type { Core } from "../core.js";
import { association } from "../json/issue.js";
import { loginForEmail } from "../git.js";
import { pullFiles } from "../json/pull.js";
import type { CheckRun, Commit, Issue, Repo, Review, TimelineEvent } from "../types.js";
import { connection, type GqlContext, type PageArgs } from "./connection.js";
import { deploymentsConnection, type DeploymentsArgs } from "./deployments.js";

/** Global node id of a simulated object (opaque to clients, as on GitHub). */
export const gid = (type: string, key: string | number) => Buffer.from(`sim:${type}:${key}`).toString("base64");

/** The type and key a node id stands for; null when it is not one of ours. */
export function parseGid(id: string): { type: string; key: string } | null {
  const m = /^sim:(\w+):(.+)$/.exec(Buffer.from(id, "base64").toString("utf8"));
  return m ? { type: m[1]!, key: m[2]! } : null;
}

const upper = (s: string | null | undefined) => (s ? s.toUpperCase() : null);

/** An Actor as GraphQL shows it: bots by their app slug (no `[bot]` suffix), as GitHub does. */
export function actor(core: Core, login: string | null | undefined) {
  if (!login) return null;
  const user = core.store.ensureUser(login);
  const bot = user.type === "Bot";
  return { __typename: bot ? "Bot" : "User", id: gid(bot ? "Bot" : "User", user.id), login: bot ? user.login.replace(/\[bot\]$/, "") : user.login };
}

function labelObj(repo: Repo, name: string) {
  const l = repo.labels.get(name.toLowerCase());
  return { id: gid("Label", l?.id ?? name), name: l?.name ?? name };
}

const CO_AUTHOR = /^co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/i;

/** A GitActor: the account is the one a verified e-mail of it belongs to, as GitHub links it. */
function gitActorObj(core: Core, name: string, email: string) {
  const login = loginForEmail(core, email);
  const user = login ? core.store.findUser(login) : undefined;
  return { name, email, user: user && user.type !== "Bot" ? { id: gid("User", user.id), login: user.login } : null };
}

/** Commit.authors: the git author first, then every `Co-authored-by:` trailer. */
function authorsOf(core: Core, c: Commit) {
  const trailers = c.message.split("\n").flatMap((line) => {
    const m = CO_AUTHOR.exec(line.trim());
    return m ? [gitActorObj(core, m[1]!, m[2]!)] : [];
  });
  return [gitActorObj(core, c.author.name, c.author.email), ...trailers];
}

/** The commits `git log <sha> [--since] [--until] [-- path]` lists, newest first. */
function historyOf(repo: Repo, sha: string, f: { since?: string | null; until?: string | null; path?: string | null }): string[] {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    const c = repo.commits.get(s);
    if (!c) continue;
    seen.add(s);
    queue.push(...c.parents);
  }
  const since = f.since ? Date.parse(f.since) : -Infinity;
  const until = f.until ? Date.parse(f.until) : Infinity;
  const path = f.path ? f.path.replace(/\/+$/, "") : null;
  return [...seen]
    .map((s) => repo.commits.get(s)!)
    .filter((c) => Date.parse(c.committer.date) >= since && Date.parse(c.committer.date) <= until)
    .filter((c) => !path || c.changes.some((ch) => ch.filename === path || ch.filename.startsWith(`${path}/`)))
    .sort((a, b) => Date.parse(b.committer.date) - Date.parse(a.committer.date))
    .map((c) => c.sha);
}

export function commitObj(core: Core, repo: Repo, sha: string): Record<string, unknown> {
  const c: Commit | undefined = repo.commits.get(sha);
  return {
    author: c ? gitActorObj(core, c.author.name, c.author.email) : null,
    committer: c ? gitActorObj(core, c.committer.name, c.committer.email) : null,
    authors: (args: PageArgs, ctx: GqlContext) => connection(ctx, "authors", c ? authorsOf(core, c) : [], args, (a) => a),
    id: gid("Commit", `${repo.fullName}:${sha}`),
    oid: sha,
    committedDate: c?.committer.date ?? core.now(),
    messageHeadline: (c?.message ?? "").split("\n")[0] ?? "",
    url: `${core.urls.html}/${repo.fullName}/commit/${sha}`,
    // git log from this commit: every ancestor, newest committer date first; since/until on the committer date, path as `git log -- path`
    history: (args: PageArgs & { since?: string | null; until?: string | null; path?: string | null }, ctx: GqlContext) =>
      connection(ctx, "history", historyOf(repo, sha, args), args, (s: string) => commitObj(core, repo, s)),
    // GitHub: the merged pull request that introduced the commit; for a commit not on the default branch, also open ones containing it
    associatedPullRequests: (args: PageArgs, ctx: GqlContext) => {
      const pulls = [...repo.issues.values()].filter((i) => {
        const p = i.pull;
        if (!p) return false;
        if (p.merged) return p.mergeCommitSha === sha || (p.landedCommits ?? []).includes(sha) || p.commits.includes(sha);
        return i.state === "open" && p.commits.includes(sha);
      });
      return connection(ctx, "associatedPullRequests", pulls, args, (i) => issueObj(core, repo, i));
    },
    checkSuites: (args: PageArgs, ctx: GqlContext) => {
      const runs = [...core.store.checkRuns.values()].filter((r) => r.repo === repo.fullName && r.headSha === sha);
      const byApp = new Map<number, CheckRun[]>();
      for (const r of runs) byApp.set(r.appId, [...(byApp.get(r.appId) ?? []), r]);
      return connection(ctx, "checkSuites", [...byApp.entries()], args, ([appId, list]) => ({
        id: gid("CheckSuite", `${repo.fullName}:${sha}:${appId}`),
        app: { id: gid("App", appId), slug: appId === core.app.id ? core.app.slug : `app-${appId}` },
        checkRuns: (a: PageArgs & { filterBy?: { checkName?: string | null } | null }, c: GqlContext) =>
          connection(c, "checkRuns", list.filter((r) => !a.filterBy?.checkName || r.name === a.filterBy.checkName), a, (r) => checkRunObj(core, repo, r)),
      }));
    },
  };
}

function checkRunObj(core: Core, repo: Repo, r: CheckRun) {
  return {
    id: gid("CheckRun", r.id),
    databaseId: r.id,
    name: r.name,
    status: upper(r.status),
    conclusion: upper(r.conclusion),
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    title: r.output.title,
    summary: r.output.summary,
    url: `${core.urls.html}/${repo.fullName}/runs/${r.id}`,
    externalId: r.externalId,
  };
}

function reviewObj(core: Core, repo: Repo, issue: Issue, r: Review) {
  return {
    id: gid("PullRequestReview", r.id),
    databaseId: r.id,
    url: `${core.urls.html}/${repo.fullName}/pull/${issue.number}#pullrequestreview-${r.id}`,
    author: actor(core, r.user),
    state: r.state,
    submittedAt: r.submittedAt,
    commit: commitObj(core, repo, r.commitId),
  };
}

const TYPE_OF: Record<string, string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  assigned: "AssignedEvent",
  unassigned: "UnassignedEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  commented: "IssueComment",
  "cross-referenced": "CrossReferencedEvent",
  renamed: "RenamedTitleEvent",
  merged: "MergedEvent",
  head_ref_force_pushed: "HeadRefForcePushedEvent",
  base_ref_changed: "BaseRefChangedEvent",
  review_dismissed: "ReviewDismissedEvent",
};
const ITEM_TYPE = (typename: string) => typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

function timelineObj(core: Core, repo: Repo, issue: Issue, e: TimelineEvent): Record<string, unknown> | null {
  const __typename = TYPE_OF[e.event];
  if (!__typename) return null;
  const base = { __typename, id: gid(__typename, e.id), createdAt: e.createdAt, actor: actor(core, e.actor) };
  switch (e.event) {
    case "labeled":
    case "unlabeled":
      return { ...base, label: labelObj(repo, e.label?.name ?? "") };
    case "assigned":
    case "unassigned":
      return { ...base, assignee: actor(core, e.assignee) };
    case "closed":
      return { ...base, stateReason: upper(e.stateReason ?? null) };
    case "commented": {
      const c = e.commentId === undefined ? undefined : core.store.comments.get(e.commentId);
      if (!c) return null;
      return {
        __typename,
        id: gid("IssueComment", c.id),
        databaseId: c.id,
        url: `${core.urls.html}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}#issuecomment-${c.id}`,
        createdAt: c.createdAt,
        // GitHub: the moment of the last edit and who made it, null when never edited
        lastEditedAt: c.lastEditedAt ?? null,
        editor: c.editor ? actor(core, c.editor) : null,
        author: actor(core, c.user),
        authorAssociation: association(core, repo, c.user),
        body: c.body,
      };
    }
    case "cross-referenced": {
      if (!e.source) return null;
      const srcRepo = core.store.repos.get(e.source.repo.toLowerCase());
      const src = srcRepo?.issues.get(e.source.number);
      return src && srcRepo ? { ...base, source: issueObj(core, srcRepo, src) } : null;
    }
    case "renamed":
      return { ...base, previousTitle: e.rename?.from ?? "", currentTitle: e.rename?.to ?? "" };
    case "merged":
      return { ...base, commit: e.commitId ? commitObj(core, repo, e.commitId) : null };
    case "base_ref_changed":
      return { ...base, databaseId: e.id, previousRefName: e.baseChange?.from ?? "", currentRefName: e.baseChange?.to ?? "" };
    case "head_ref_force_pushed":
      return { ...base, afterCommit: e.commitId ? commitObj(core, repo, e.commitId) : null };
    case "review_dismissed": {
      const r = issue.pull?.reviews.find((x) => x.id === e.reviewId);
      return { ...base, dismissalMessage: e.message ?? null, review: r ? reviewObj(core, repo, issue, r) : null };
    }
  }
  return null;
}

type TimelineArgs = PageArgs & { itemTypes?: string[] | null };

/** An Issue or PullRequest object whose connection fields resolve lazily from the store. */
export function issueObj(core: Core, repo: Repo, issue: Issue): Record<string, unknown> {
  const pull = issue.pull;
  const typename = pull ? "PullRequest" : "Issue";
  const obj: Record<string, unknown> = {
    __typename: typename,
    id: gid(typename, `${repo.fullName}#${issue.number}`),
    number: issue.number,
    title: issue.title,
    url: `${core.urls.html}/${repo.fullName}/${pull ? "pull" : "issues"}/${issue.number}`,
    body: issue.body ?? "",
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    author: actor(core, issue.user),
    repository: repositoryObj(core, repo),
    labels: (args: PageArgs, ctx: GqlContext) => connection(ctx, "labels", issue.labels, args, (n) => labelObj(repo, n)),
    timelineItems: (args: TimelineArgs, ctx: GqlContext) => {
      const wanted = args.itemTypes?.length ? new Set(args.itemTypes) : null;
      const items = issue.timeline.flatMap((e) => {
        const t = TYPE_OF[e.event];
        return t && (!wanted || wanted.has(ITEM_TYPE(t))) ? [e] : [];
      });
      // Build lazily: a comment deleted since is dropped, as GitHub drops it from the timeline.
      const built = items.map((e) => timelineObj(core, repo, issue, e)).filter((x) => x !== null);
      return connection(ctx, "timelineItems", built, args, (x) => x);
    },
  };
  if (!pull) return { ...obj, state: issue.state.toUpperCase() };
  return {
    ...obj,
    state: pull.merged ? "MERGED" : issue.state.toUpperCase(),
    merged: pull.merged,
    mergedAt: pull.mergedAt,
    baseRefName: pull.baseRef,
    headRefOid: pull.headSha,
    mergeCommit: pull.mergeCommitSha ? commitObj(core, repo, pull.mergeCommitSha) : null,
    files: (args: PageArgs, ctx: GqlContext) => connection(ctx, "files", pullFiles(repo, issue), args, (f) => ({ path: f.filename })),
    reviews: (args: PageArgs, ctx: GqlContext) => connection(ctx, "reviews", pull.reviews, args, (r) => reviewObj(core, repo, issue, r)),
    commits: (args: PageArgs, ctx: GqlContext) =>
      connection(ctx, "commits", pull.commits, args, (sha) => ({ id: gid("PullRequestCommit", `${repo.fullName}#${issue.number}:${sha}`), commit: commitObj(core, repo, sha) })),
  };
}

interface IssuesArgs extends PageArgs {
  labels?: string[] | null;
  states?: string[] | null;
  filterBy?: { since?: string | null; states?: string[] | null; labels?: string[] | null } | null;
  orderBy?: { field: string; direction: string } | null;
}

function list(core: Core, repo: Repo, pulls: boolean, args: IssuesArgs, ctx: GqlContext, name: string) {
  const labels = [...(args.labels ?? []), ...(args.filterBy?.labels ?? [])].map((l) => l.toLowerCase());
  const states = args.states ?? args.filterBy?.states ?? null;
  const since = args.filterBy?.since ? Date.parse(args.filterBy.since) : null;
  const stateOf = (i: Issue) => (i.pull?.merged ? "MERGED" : i.state.toUpperCase());
  const field = args.orderBy?.field ?? "CREATED_AT";
  const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
  const key = (i: Issue) => (field === "UPDATED_AT" ? i.updatedAt : field === "COMMENTS" ? String(i.comments.length).padStart(9, "0") : i.createdAt);
  const items = [...repo.issues.values()]
    .filter((i) => !!i.pull === pulls)
    // Several labels: any of them (one label is what the exporter sends).
    .filter((i) => !labels.length || i.labels.some((l) => labels.includes(l.toLowerCase())))
    .filter((i) => !states || states.includes(stateOf(i)))
    .filter((i) => since === null || Date.parse(i.updatedAt) >= since)
    .sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : (a.number - b.number) * sign));
  return connection(ctx, name, items, args, (i) => issueObj(core, repo, i));
}

export function repositoryObj(core: Core, repo: Repo) {
  return {
    id: gid("Repository", repo.fullName),
    nameWithOwner: repo.fullName,
    url: `${core.urls.html}/${repo.fullName}`,
    issues: (args: IssuesArgs, ctx: GqlContext) => list(core, repo, false, args, ctx, "issues"),
    pullRequests: (args: IssuesArgs, ctx: GqlContext) => list(core, repo, true, args, ctx, "pullRequests"),
    pullRequest: ({ number }: { number: number }) => {
      const issue = repo.issues.get(number);
      if (!issue?.pull) throw new GraphQLError(`Could not resolve to a PullRequest with the number of ${number}.`, { extensions: { type: "NOT_FOUND" } });
      return issueObj(core, repo, issue);
    },
    // commits only (the exporter's subset): an unknown object is null, as on GitHub
    object: ({ oid, expression }: { oid?: string | null; expression?: string | null }) => {
      let sha = oid ?? undefined;
      try {
        sha ??= expression ? core.store.resolveRef(repo, expression) : undefined;
      } catch {
        return null;
      }
      return sha && repo.commits.has(sha) ? { __typename: "Commit", ...commitObj(core, repo, sha) } : null;
    },
    deployments: (args: DeploymentsArgs, ctx: GqlContext) => deploymentsConnection(core, repo, args, ctx, () => repositoryObj(core, repo)),
    defaultBranchRef: () => {
      let head: string | undefined;
      try {
        head = core.store.resolveRef(repo, repo.defaultBranch);
      } catch {
        head = undefined;
      }
      return { id: gid("Ref", `${repo.fullName}:refs/heads/${repo.defaultBranch}`), name: repo.defaultBranch, prefix: "refs/heads/", target: head && repo.commits.has(head) ? { __typename: "Commit", ...commitObj(core, repo, head) } : null };
    },
  };
}
