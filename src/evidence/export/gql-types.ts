import type { DirectPush } from "./direct-pushes.js";
import type { ConfigProvenance } from "../config-provenance.js";
import type { KindId } from "../../records/kinds.js";
import type { DeploymentPoint } from "../../deploy/history.js";
/** The shapes of the exporter's GraphQL answers (what queries/*.ts select), as plain data. */
export interface GqlActor {
  login: string;
  __typename: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Conn<T> {
  totalCount?: number;
  pageInfo?: PageInfo;
  nodes: T[];
}

export interface GqlTimelineItem {
  __typename: string;
  createdAt?: string;
  /** IssueComment: the moment of the last edit, null when never edited. */
  lastEditedAt?: string | null;
  /** IssueComment: who made the last edit (GitHub's `editor`), null when never edited. */
  editor?: GqlActor | null;
  actor?: GqlActor | null;
  author?: GqlActor | null;
  label?: { name: string };
  assignee?: { __typename: string; login?: string } | null;
  stateReason?: string | null;
  databaseId?: number | null;
  url?: string;
  authorAssociation?: string;
  body?: string;
  previousTitle?: string;
  currentTitle?: string;
  commit?: { oid: string } | null;
  afterCommit?: { oid: string } | null;
  dismissalMessage?: string | null;
  review?: { databaseId: number | null } | null;
  source?: { __typename: string; number?: number; url?: string; repository?: { nameWithOwner: string } };
}

export interface GqlIssue {
  id: string;
  number: number;
  title: string;
  url: string;
  body: string;
  state: "OPEN" | "CLOSED";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  author: GqlActor | null;
  labels: Conn<{ name: string }>;
  timelineItems: Conn<GqlTimelineItem>;
}

export interface GqlCheckRun {
  databaseId: number | null;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  title: string | null;
  summary: string | null;
  url: string;
  externalId?: string | null;
}

export interface GqlReview {
  databaseId: number | null;
  url: string;
  author: GqlActor | null;
  state: string;
  submittedAt: string | null;
  commit: { oid: string } | null;
}

export interface GqlPull {
  id: string;
  number: number;
  title: string;
  url: string;
  body: string;
  state: "OPEN" | "CLOSED" | "MERGED";
  merged: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  baseRefName: string;
  headRefOid: string;
  mergeCommit: { oid: string } | null;
  author: GqlActor | null;
  labels: Conn<{ name: string }>;
  files: Conn<{ path: string }>;
  reviews: Conn<GqlReview>;
  commits: Conn<{ commit: { oid: string; committedDate: string; messageHeadline: string } }>;
  headCommit: Conn<{ commit: { oid: string; checkSuites: Conn<{ app: { slug: string } | null; checkRuns: Conn<GqlCheckRun> }> | null } }>;
  timelineItems: Conn<GqlTimelineItem>;
}

export interface GqlDeploymentStatus {
  state: string;
  createdAt: string;
  description: string | null;
  environmentUrl: string | null;
  logUrl: string | null;
  creator: GqlActor | null;
}

export interface GqlDeployment {
  databaseId: number | null;
  environment: string | null;
  commitOid: string;
  createdAt: string;
  updatedAt: string;
  state: string | null;
  task: string | null;
  description: string | null;
  ref: { name: string; prefix: string } | null;
  creator: GqlActor | null;
  latestStatus: { state: string; createdAt: string } | null;
  statuses: Conn<GqlDeploymentStatus> | null;
  commit: { oid: string; checkSuites: Conn<{ app: { slug: string } | null; checkRuns: Conn<GqlCheckRun> }> | null } | null;
}

/** One line of nodes.jsonl: a record candidate with every nested page merged in, and its raw sources. */
export type SpoolNode =
  | { t: "issue"; kind: KindId; node: GqlIssue; sources: string[] }
  | { t: "pull"; node: GqlPull; sources: string[] }
  | { t: "deployment"; node: GqlDeployment; sources: string[] };

/** What the normaliser knows of the whole repository (small: numbers, kinds, close times). */
export interface RepoIndex {
  repo: string;
  /** `.github/ims.yml` on the default branch (null: none), the raw document it came from, and which config that is. */
  config: { text: string | null; source: string | null; provenance: ConfigProvenance };
  /** `mentionedBy`: for a change record, the issues of the repository that mention it. */
  issues: Record<string, { kind: KindId; closedAt: string | null; url: string; mentionedBy?: number[] }>;
  /** Merged pull requests by the commits their merge put on the base branch (merge commit, and the head for rebase / fast-forward). */
  merged?: Record<string, number>;
  /** Every deployment read (the period and a bounded history before it), for rollbacks; see export/deployments.ts. */
  deployments?: DeploymentPoint[];
  /** Per environment, the apps (slugs) that left a deployment gate run on a deployment read: which environments a gate covers. */
  gateApps?: Record<string, string[]>;
  /** Commits on the default branch in the period that no merged pull request brought and that touched .github/ims.yml or a change path. */
  directPushes?: DirectPush[];
  /** `https://github.com/owner/name`, from the deployments query. */
  htmlUrl?: string;
}

/** Login as REST shows it: GraphQL names bots by app slug, REST as `slug[bot]`. */
export function login(a: GqlActor | null | undefined): string | null {
  if (!a) return null;
  return a.__typename === "Bot" && !a.login.endsWith("[bot]") ? `${a.login}[bot]` : a.login;
}
