import { alertKeyIn } from "../alerts/decide.js";
import { parseAlertState } from "../alerts/state-marker.js";
import { isOwnComment } from "./bot-identity.js";
import type { Octokit, RepoRef } from "./types.js";
import { labelNames } from "../core/labels.js";

/** The plain facts of an issue the record rules read. */
export interface IssueFacts {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  author: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  closedAt: string | null;
  isPullRequest: boolean;
  /** How many comments the issue had when read (REST and payloads say), when known. */
  commentCount?: number;
  /**
   * One of the app's own security alert records: the app opened the issue (`isOwnComment`) and its
   * body carries the alert's marker. A person's marker or label on any other issue proves nothing.
   */
  alertRecord: boolean;
  /**
   * The alert's severity as the app wrote it in its own alert record's state marker (null: not one):
   * it sets the remediation target (slaFor), whatever `alert-severity:` label a person puts on.
   */
  alertSeverity: string | null;
}

interface IssueLike {
  number: number;
  title: string;
  body?: string | null;
  state?: string;
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
  labels?: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  created_at: string;
  closed_at?: string | null;
  pull_request?: unknown;
  comments?: number;
}

/** Plain facts from an issue object (webhook payload or REST response). */
export function issueFacts(issue: IssueLike): IssueFacts {
  const own = isOwnComment(issue) && alertKeyIn(issue.body) !== null;
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state === "closed" ? "closed" : "open",
    author: issue.user?.login ?? "ghost",
    labels: labelNames(issue.labels),
    assignees: (issue.assignees ?? []).map((a) => a.login),
    createdAt: issue.created_at,
    closedAt: issue.closed_at ?? null,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    ...(typeof issue.comments === "number" ? { commentCount: issue.comments } : {}),
    alertRecord: own,
    alertSeverity: own ? (parseAlertState(issue.body ?? "")?.severity ?? null) : null,
  };
}

/** Reads an issue as GitHub holds it now (webhook payloads can be stale when events queue up). */
export async function readIssue(octokit: Octokit, r: RepoRef, issue: number): Promise<IssueFacts> {
  const { data } = await octokit.rest.issues.get({ ...r, issue_number: issue });
  return issueFacts(data as IssueLike);
}
