import type { Priority } from "../config/schema.js";
import { historyOf, type HistoryEvent, type RecordHistory } from "./history.js";
import { hasLabel, labelNames, sameLabel } from "../core/labels.js";
import { isKind } from "../records/kinds.js";
import { pickPriority, priorityOfLabel, SLA_LABELS } from "./labels.js";

/** The parts of a GitHub user the normaliser reads (Octokit's `simple-user` fits). */
export interface TimelineUser {
  login: string;
  type?: string;
}

/**
 * The parts of a REST issue-timeline item the normaliser reads (Octokit's `timeline-issue-events`
 * fits). Items of other kinds, or without `created_at`, are ignored.
 */
export interface TimelineItem {
  event?: string;
  created_at?: string;
  label?: { name: string };
  actor?: TimelineUser | null;
  user?: TimelineUser | null;
  assignee?: TimelineUser | null;
}

/** The parts of the issue itself the normaliser reads (Octokit's `issue` fits). */
export interface IssueFacts {
  created_at: string;
  user: TimelineUser | null;
  state?: string;
  closed_at?: string | null;
  labels?: ReadonlyArray<string | { name?: string }>;
}

/** Who counts as a responder: triage permission or higher, decided by the caller. */
export interface NormaliseOptions {
  responders: ReadonlySet<string> | ((login: string) => boolean);
  /** Several priority labels at once: the most severe (default) or the least. */
  conflict?: "highest" | "lowest";
}

/** Normalises an issue and its full REST timeline (all pages, in order) into a RecordHistory. */
export function normaliseHistory(issue: IssueFacts, timeline: readonly TimelineItem[], options: NormaliseOptions): RecordHistory {
  const reporter = issue.user?.login ?? "";
  const createdAt = new Date(issue.created_at);
  const isResponder = responderTest(options.responders);
  const conflict = options.conflict ?? "highest";
  const labels = initialLabels(issue, timeline);
  const events: HistoryEvent[] = [];
  let state = derive(labels, conflict);
  events.push({ type: "incident", at: createdAt, on: state.incident }, { type: "waiting", at: createdAt, on: state.waiting });
  events.push({ type: "priority", at: createdAt, priority: state.priority });
  let closed = false;
  for (const item of timeline) {
    if (!item.created_at) continue;
    const at = new Date(item.created_at);
    switch (item.event) {
      case "labeled":
      case "unlabeled": {
        if (!item.label) break;
        const name = item.label.name.toLowerCase();
        if (item.event === "labeled") labels.add(name);
        else labels.delete(name);
        const next = derive(labels, conflict);
        if (next.incident !== state.incident) events.push({ type: "incident", at, on: next.incident });
        if (next.waiting !== state.waiting) events.push({ type: "waiting", at, on: next.waiting });
        if (next.priority !== state.priority) events.push({ type: "priority", at, priority: next.priority });
        state = next;
        break;
      }
      case "commented":
        if (item.user && isHuman(item.user) && !same(item.user.login, reporter) && isResponder(item.user.login)) {
          events.push({ type: "response", at, by: item.user.login, via: "comment" });
        }
        break;
      case "assigned": {
        const by = item.actor;
        const selfAssignedReporter = same(by?.login ?? "", reporter) && same(item.assignee?.login ?? "", reporter);
        if (by && isHuman(by) && isResponder(by.login) && !selfAssignedReporter) {
          events.push({ type: "response", at, by: by.login, via: "assignment" });
        }
        break;
      }
      case "closed":
        closed = true;
        events.push({ type: "closed", at });
        break;
      case "reopened":
        closed = false;
        events.push({ type: "reopened", at });
        break;
    }
  }
  // A timeline cut short (or not yet consistent) must not leave a closed issue's clock running.
  if (issue.state === "closed" && !closed && issue.closed_at) events.push({ type: "closed", at: new Date(issue.closed_at) });
  return historyOf(reporter, createdAt, events);
}

/** Labels on the issue when it was opened: those whose first event is a removal, or with no events and on it now. */
function initialLabels(issue: IssueFacts, timeline: readonly TimelineItem[]): Set<string> {
  const first = new Map<string, string>();
  for (const item of timeline) {
    if ((item.event === "labeled" || item.event === "unlabeled") && item.label && item.created_at) {
      const name = item.label.name.toLowerCase();
      if (!first.has(name)) first.set(name, item.event);
    }
  }
  const initial = new Set<string>();
  for (const [name, event] of first) if (event === "unlabeled") initial.add(name);
  for (const label of labelNames(issue.labels)) {
    const name = label.toLowerCase();
    if (!first.has(name)) initial.add(name);
  }
  return initial;
}

function derive(labels: ReadonlySet<string>, conflict: "highest" | "lowest") {
  const priorities: Priority[] = [];
  for (const l of labels) {
    const p = priorityOfLabel(l);
    if (p) priorities.push(p);
  }
  return {
    incident: isKind([...labels], "incident"),
    waiting: hasLabel([...labels], SLA_LABELS.waiting),
    priority: pickPriority(priorities, conflict),
  };
}

function responderTest(r: NormaliseOptions["responders"]): (login: string) => boolean {
  if (typeof r === "function") return r;
  const lower = new Set([...r].map((l) => l.toLowerCase()));
  return (login) => lower.has(login.toLowerCase());
}

/** Apps and machine accounts do not respond to incidents; people do. */
function isHuman(u: TimelineUser): boolean {
  return u.type !== "Bot" && !u.login.endsWith("[bot]");
}

/** Logins, like labels, compare without case. */
const same = sameLabel;
