/**
 * The plain data the GitHub layer reads once per evaluation and the pure change policy decides on.
 * Nothing here is a live object: every field serialises to JSON, so a fact set can be stored,
 * replayed in a test, or attached to the evidence bundle as it was seen.
 */
export type { GitIdentity } from "./trailers.js";
export { parseCoAuthors, noreplyLogin } from "./trailers.js";
import type { GitIdentity } from "./trailers.js";

/** The check this policy produces; branch protection must require exactly this name. */
export const CHANGE_CHECK_NAME = "IMS / change control";

export type AccountType = "User" | "Bot" | "Organization";

export interface Account {
  login: string;
  type: AccountType;
}

export interface PullRequestFacts {
  number: number;
  author: Account;
  headSha: string;
  /** Target branch name, e.g. `main`. */
  baseRef: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepoFullName: string | null;
  isFork: boolean;
  labels: string[];
  /** The body as it is now (edits after an approval count). */
  body: string;
  draft: boolean;
  state: "open" | "closed";
}

export interface CommitFacts {
  sha: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  /** From `Co-authored-by:` trailers (see parseCoAuthors); login filled when the GitHub layer could resolve it. */
  coAuthors: GitIdentity[];
  /**
   * True when the commit only merges the target branch in (a merge whose other parent is on the
   * target and whose tree adds nothing beyond the two parents). The GitHub layer decides this.
   */
  mergesTargetOnly: boolean;
  /** GitHub verified the commit's signature (a key of the committer's account); absent: not known to be. */
  verified?: boolean;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface ReviewFacts {
  id: number;
  /** null for a deleted account ("ghost"). */
  user: Account | null;
  state: ReviewState;
  /** The commit the review was submitted on; null when GitHub no longer knows it. */
  commitId: string | null;
  /** ISO time. */
  submittedAt: string;
}

/** A list GitHub cut short: how many items were read, of how many (null when unknown), and the limit hit. */
export interface Truncation {
  read: number;
  total: number | null;
  limit: number;
}

export interface TruncatedLists {
  /** The pull-request commits API returns at most 250 commits. */
  commits?: Truncation;
  /** The pull-request files API returns at most 3,000 files. */
  files?: Truncation;
  reviews?: Truncation;
}

/** Active members of a team (logins), or why they could not be read. Pending invitations are not members. */
export type MemberList =
  | { status: "known"; logins: string[] }
  | { status: "unknown"; reason: string };

export interface ChangeRecordFound {
  status: "found";
  /** `owner/name`. */
  repo: string;
  number: number;
  labels: string[];
  state: "open" | "closed";
  /** Issue-form answers by heading; null when unanswered (`_No response_`) or ambiguous. */
  fields: Record<string, string | null>;
  /** Headings that appear more than once: which answer a reader means is ambiguous, so they are unanswered. */
  ambiguous?: string[];
}

export interface ChangeRecordUnreadable {
  status: "unreadable";
  repo: string;
  number: number;
  reason: string;
}

export type ChangeRecordFacts = ChangeRecordFound | ChangeRecordUnreadable;

export type ProtectionSource = "branch protection" | "ruleset";

export interface BranchProtectionFacts {
  /** Does the target branch require the `IMS / change control` check? */
  requiresCheck: boolean | "unknown";
  /** Where the requirement was found (empty when not required). */
  sources: ProtectionSource[];
  /**
   * True when a requirement found accepts the check from any source (not pinned to this app): a
   * workflow job or another app posting a passing check of the same name would satisfy it.
   */
  anySource?: boolean;
  /** Why it is unknown (e.g. the token cannot read branch protection). */
  reason?: string;
}

/** A change of the pull request's target branch (GitHub's `base_ref_changed`). */
export interface BaseChange {
  from: string;
  to: string;
  /** ISO time. */
  at: string;
  /** null when GitHub no longer knows the account. */
  actor: string | null;
}

/** One time an account moved the pull request's head branch (a push, force-push, branch creation or merge into it). */
export interface PushFacts {
  /** Login (GitHub's record of the account, not a git identity). */
  actor: string;
  /** `force_push`, `push`, `branch_creation`, `pr_merge`, ... as GitHub names it. */
  kind: string;
  /** Branch name. */
  ref: string;
  /** ISO time; null when the source does not say. */
  at: string | null;
  /** A commit of the pull request the push left another branch at (pushed elsewhere, brought in by someone else). */
  commit?: string;
  /** The branch's commit before and after the push, when the source says (the activity API does). */
  before?: string;
  after?: string;
  /** Where it was read: the repository activity API, the timeline's force-push events, or this delivery's `synchronize`. */
  source: "activity" | "timeline" | "webhook";
}

/**
 * What changed the pull request beyond its commits, read when a standing approval could count: the
 * base changes, and for every account whose approval could count whether it ever pushed to the head
 * branch. Absent: nothing needed reading (no approval could count).
 */
export interface HistoryFacts {
  /** Oldest first. */
  baseChanges: BaseChange[];
  pushes: PushFacts[];
  /** Lower-case logins whose pushes were looked up. */
  checked: string[];
  /** Why part of it could not be read: no approval can then be shown to be current and independent. */
  unknown?: string;
}

export interface ChangeFacts {
  /** `owner/name` of the base repository. */
  repo: string;
  defaultBranch: string;
  pr: PullRequestFacts;
  /** Oldest first, as GitHub lists them. */
  commits: CommitFacts[];
  /** Which lists GitHub's limits cut short; an empty object when all were read in full. */
  truncated: TruncatedLists;
  /** Changed file paths (after the change; a rename gives its new and its old path). */
  files: string[];
  reviews: ReviewFacts[];
  /** Keyed by the team slug exactly as configured (`security.team`, emergency approvers, CAB team). */
  teams: Record<string, MemberList>;
  /** Logins with maintain or admin permission on the repository. */
  maintainers: MemberList;
  /** Every issue the body links (Change: or closing keyword), as read; see parseChangeLinks. */
  records: ChangeRecordFacts[];
  /** Every issue the body links with `Risk:` (read only when `change.requireRiskRecord` is on); absent: not read. */
  riskRecords?: ChangeRecordFacts[];
  protection: BranchProtectionFacts;
  /** The gate's own config files in this repository (`.github/ims.yml` and what it `_extends`); absent: just `.github/ims.yml`. */
  gateFiles?: string[];
  /** See HistoryFacts; filled by the GitHub layer whenever a standing approval could count. */
  history?: HistoryFacts;
  /** Config validation errors ("`.github/ims.yml`: `change.branches` ..."); non-empty means the check fails closed. */
  configErrors: string[];
}
