/** Plain in-memory records of the simulated GitHub. Logins and full names are the keys between records. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read";
export type UserType = "User" | "Bot" | "Organization";

export interface User {
  login: string;
  id: number;
  type: UserType;
  name: string;
  email: string;
  /** Further verified e-mails linked to the account (a work address): GitHub resolves commits by them too. */
  emails?: string[];
}

export interface TeamMember {
  state: "active" | "pending";
  role: "member" | "maintainer";
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  description: string;
  privacy: "closed" | "secret";
  members: Map<string, TeamMember>;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface Comment {
  id: number;
  repo: string;
  issue: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** GraphQL `lastEditedAt` and `editor`: the moment and the login of the last edit (any edit, even in the second it was written). */
  lastEditedAt?: string;
  editor?: string;
}

export interface TimelineEvent {
  id: number;
  event: string;
  actor: string;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: string;
  rename?: { from: string; to: string };
  source?: { repo: string; number: number };
  commentId?: number;
  commitId?: string;
  reviewId?: number;
  stateReason?: string | null;
  message?: string;
  /** `base_ref_changed`: the target branch before and after. */
  baseChange?: { from: string; to: string };
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface Review {
  id: number;
  user: string;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string;
}

export interface GitActor {
  name: string;
  email: string;
  date: string;
  /** The GitHub account the email belongs to, when there is one. */
  login?: string;
}

export interface FileChange {
  filename: string;
  status: "added" | "modified" | "removed";
  additions: number;
  deletions: number;
  patch?: string;
}

export interface Commit {
  sha: string;
  message: string;
  author: GitActor;
  committer: GitActor;
  parents: string[];
  /** Full snapshot of the files at this commit (path -> content). */
  tree: Map<string, string>;
  changes: FileChange[];
  /** GitHub verified its signature (see CommitInput.signed). */
  verified?: boolean;
}

export interface PullData {
  headRef: string;
  headSha: string;
  /** Full name of the repository holding the head branch (differs for forks). */
  headRepo: string;
  baseRef: string;
  baseSha: string;
  commits: string[];
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  /** The commits the merge wrote on the base branch (one merge or squash commit, or each rebased commit). */
  landedCommits?: string[];
  mergeMethod?: "merge" | "squash" | "rebase";
  reviews: Review[];
}

export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: string;
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
  stateReason: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  comments: number[];
  timeline: TimelineEvent[];
  pull?: PullData;
}

export interface CheckOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

export interface CheckRun {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  output: CheckOutput;
  externalId: string | null;
  detailsUrl: string | null;
  appId: number;
}

export interface BranchProtection {
  requiredChecks: string[];
  strict: boolean;
  enforceAdmins: boolean;
  /** GitHub blocks force pushes to a protected branch unless "Allow force pushes" is on. */
  allowForcePushes?: boolean;
}

export interface Branch {
  name: string;
  sha: string;
  protection?: BranchProtection;
}

export interface Ruleset {
  id: number;
  name: string;
  enforcement: "active" | "evaluate" | "disabled";
  /** Ref patterns: "~DEFAULT_BRANCH", "~ALL" or "refs/heads/<name>". */
  include: string[];
  requiredChecks: string[];
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  forkOf: string | null;
  /** Archived: read-only (GitHub's `archived`). */
  archived?: boolean;
  collaborators: Map<string, Permission>;
  branches: Map<string, Branch>;
  commits: Map<string, Commit>;
  labels: Map<string, Label>;
  issues: Map<number, Issue>;
  /** Numbers of deleted issues: reading one answers 410 Gone. */
  deletedIssues?: Set<number>;
  /** Issues transferred elsewhere, by their old number: reading one answers 301 Moved Permanently to where it is now. */
  movedIssues?: Map<number, { repo: string; number: number }>;
  nextNumber: number;
  /** Open issues and pull requests, kept current by the ops (GitHub's `open_issues_count`). */
  openIssues: number;
  rulesets: Ruleset[];
  /** Whether the app's token may read branch protection (GitHub App "administration" permission). */
  appAdministration: boolean;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** Ref changes, oldest first (the activity API lists them newest first). */
  activity: Activity[];
}

export type ActivityType = "push" | "force_push" | "branch_creation" | "branch_deletion" | "pr_merge" | "merge_queue_merge";

/** One entry of the repository activity GitHub keeps (`GET /repos/{owner}/{repo}/activity`): who moved which ref. */
export interface Activity {
  id: number;
  before: string;
  after: string;
  /** `refs/heads/<branch>`. */
  ref: string;
  timestamp: string;
  activityType: ActivityType;
  actor: string;
}

export interface Org {
  login: string;
  id: number;
  members: Set<string>;
}
