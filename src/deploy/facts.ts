/** What the gate read from GitHub about one deployment (plain data; src/github/deploy-facts.ts reads it). */
export interface DeploymentFact {
  id: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string;
  createdAt: string;
}

/** A merged pull request into a target branch that brought walked commits in. */
export interface DeployPull {
  number: number;
  title: string;
  baseRef: string;
  /** The head it was merged at. */
  headSha: string;
  /**
   * What its merge put on the base branch (GitHub's `merge_commit_sha`): the merge commit, the squash
   * commit, or the last replayed commit of a rebase merge. The state its gate stood for.
   */
  mergeSha: string | null;
  mergedAt: string;
  /**
   * This app's newest `IMS / change control` at that head (by app id: another app's run or a commit
   * status of the same name is not it): its conclusion, or null when there is none.
   */
  check: string | null;
  /** From that run's `change.gate` trace. */
  changeType: string | null;
  standardRule: string | null;
  /** The change record the pull request links (`Change: #n`), when it does. */
  record: number | null;
}

export interface WalkedCommit {
  sha: string;
  /** First line of the message. */
  title: string;
  author: string | null;
  /** Merged pull requests into a target branch GitHub associates the commit with. */
  pulls: number[];
}

/** Where the walk started: the last approved deployment, the configured baseline, the root, or nothing. */
export type WalkBase =
  | { kind: "deployment"; id: number; sha: string }
  | { kind: "baseline"; sha: string }
  | { kind: "root" }
  | { kind: "history" };

export interface DeployFacts {
  repo: string;
  deployment: DeploymentFact;
  runId: number | null;
  /** The target branch the deployed commit is on, or null when it is on none. */
  onBranch: string | null;
  targets: string[];
  base: WalkBase;
  commits: WalkedCommit[];
  /** More commits than DEPLOY_WALK_MAX (or GitHub cut its list): the walk is incomplete. */
  truncated: boolean;
  /** Every commit between the base and the deployed one GitHub counted. */
  totalCommits: number;
  /** Older walked commits not examined: DEPLOY_DIRECT_MAX commits outside every pull request were named first. */
  unexamined?: number;
  /**
   * What the deployed commit itself is: the merged result of pull request `mergeOf`, or the commit of
   * deployment `approvedBefore` to this environment that this gate approved. Only such a state was gated.
   */
  deployed: { mergeOf: number | null; approvedBefore: number | null };
  /** The walk's start is no longer an ancestor of the deployed commit (the branch was force-pushed, or this is a rollback). */
  baseStatus: "ahead" | "identical" | "behind" | "diverged" | null;
  pulls: DeployPull[];
  configErrors: string[];
}
