import { withCalls } from "./call-counter.js";
import { normaliseHistory, type TimelineItem } from "../sla/timeline.js";
import type { RecordHistory } from "../sla/history.js";
import { replay } from "../sla/replay.js";
import type { IssueFacts } from "./issue-facts.js";
import { atLeast, repoRole, type Role } from "./permissions.js";
import type { Octokit, RepoRef } from "./types.js";

/** A record's history and what reading it cost. */
export interface HistoryRead {
  history: RecordHistory;
  calls: number;
}

const asIssue = (i: IssueFacts) => ({ created_at: i.createdAt, user: { login: i.author }, state: i.state, closed_at: i.closedAt, labels: i.labels });

/** The history of a brand-new issue, derived from the payload alone (no call: nothing has happened yet). */
export function freshHistory(issue: IssueFacts): RecordHistory {
  return normaliseHistory(asIssue(issue), [], { responders: new Set() });
}

/**
 * Reads the issue timeline (100 a page) and normalises it. Who responded is decided by repository
 * permission (triage or higher), asked only for people who commented or assigned, in order, and only
 * until the first one who counts; roles are cached for this evaluation.
 */
export async function readHistory(octokit: Octokit, r: RepoRef, issue: IssueFacts, now: Date): Promise<HistoryRead> {
  return withCalls(octokit, async () => {
    const timeline = (await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { ...r, issue_number: issue.number, per_page: 100 }, (res) => res.data)) as unknown as TimelineItem[];
    const reporter = issue.author.toLowerCase();
    const responders = new Set<string>();
    let history = normaliseHistory(asIssue(issue), timeline, { responders });
    // Only what a person did once the clock ran can count: ordering candidates by their first such
    // act makes the first one with triage the earliest responder. (Ordered by any earlier act, someone
    // who commented before the record was an incident would shadow an earlier responder.)
    const start = replay(history, now.getTime()).start;
    const candidates: string[] = [];
    for (const item of timeline) {
      if (start === null || !item.created_at || Date.parse(item.created_at) < start) continue;
      const who = item.event === "commented" ? item.user : item.event === "assigned" ? item.actor : null;
      if (!who || who.type === "Bot" || who.login.endsWith("[bot]")) continue;
      const login = who.login.toLowerCase();
      if (login !== reporter && !candidates.includes(login)) candidates.push(login);
    }
    const roles = new Map<string, Role>();
    for (const login of candidates) {
      if (replay(history, now.getTime()).respondedAt !== null) break;
      if (!roles.has(login)) {
        roles.set(login, await repoRole(octokit, r, login));
      }
      if (!atLeast(roles.get(login)!, "triage")) continue;
      responders.add(login);
      history = normaliseHistory(asIssue(issue), timeline, { responders });
    }
    return { history };
  });
}
