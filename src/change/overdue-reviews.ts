import { md, type Explanation } from "../core/explain.js";
import { emptyPlan, type IssuePlan } from "../core/plan.js";
import { sameLabel } from "../core/labels.js";
import { SLA_LABELS } from "../sla/labels.js";
import { escalationMarker } from "../sla/markers.js";
import { teamMention } from "../sla/teams.js";
import { parseReviewMarker } from "./review-record.js";

/** Name of the escalation level an overdue review fires (its marker makes it fire once). */
export const OVERDUE_LEVEL = "post-implementation review overdue";

/** A post-implementation review record as the sweep read it. */
export interface ReviewRecordState {
  owner: string;
  repo: string;
  number: number;
  state: "open" | "closed";
  labels: string[];
  body: string | null;
  /** Only a record the app itself opened is trusted to carry a due date. */
  openedByBot: boolean;
  /** The app already escalated it (its escalation marker is in one of its comments). */
  escalated: boolean;
}

/** An open review record as the list of open records shows it (before its comments are read). */
export type ListedReviewRecord = Pick<ReviewRecordState, "number" | "labels" | "body" | "openedByBot">;

/**
 * Whether a listed record may be overdue and not yet marked so: only then are its comments worth a
 * call. A record the app did not open carries no due date it trusts.
 */
export function mayBeOverdue(rec: ListedReviewRecord, now: Date): boolean {
  const due = rec.openedByBot ? parseReviewMarker(rec.body)?.due : undefined;
  return due !== undefined && now.getTime() > due.getTime() && !rec.labels.includes(SLA_LABELS.breached);
}

export interface OverdueConfig {
  /** Functional escalation: who approved the emergency (`change.emergency.approvers`). */
  approvers: string;
  /** Hierarchical escalation: management (`major.team`). */
  management: string;
  /** Organisation for `@org/team` mentions. */
  org: string | null;
}

export interface OverdueDecision {
  overdue: boolean;
  due: Date | null;
  plan: IssuePlan;
  explanation: Explanation;
}

/**
 * An open review record past its due date is escalated like an SLA breach: `sla:breached`, and one
 * comment mentioning the emergency approvers (functional) and management (hierarchical). Pure.
 */
export function decideOverdueReview(rec: ReviewRecordState, cfg: OverdueConfig, now: Date): OverdueDecision {
  const plan = emptyPlan(rec.owner, rec.repo, rec.number);
  const marker = rec.openedByBot ? parseReviewMarker(rec.body) : null;
  const label = "post-implementation review due";
  if (!marker) return { overdue: false, due: null, plan, explanation: { status: "skip", label, detail: "no due date written by ims-bot" } };
  const { due } = marker;
  const day = due.toISOString().slice(0, 10);
  if (rec.state !== "open" || now.getTime() <= due.getTime()) {
    return { overdue: false, due, plan, explanation: { status: "pass", label, detail: rec.state === "open" ? `due ${day}, not yet` : "closed: review done" } };
  }
  if (!rec.labels.some((l) => sameLabel(l, SLA_LABELS.breached))) plan.labels.add.push(SLA_LABELS.breached);
  if (!rec.escalated) {
    const who = [teamMention(cfg.approvers, cfg.org), teamMention(cfg.management, cfg.org)];
    plan.comments.push({
      marker: escalationMarker(OVERDUE_LEVEL),
      body: `⏰ The post-implementation review of emergency change ${md(`${marker.repo}#${marker.number}`)} was due ${day} and is still open. Escalated to ${who[0]} (functional) and ${who[1]} (hierarchical): please complete the review or record why it is late.`,
    });
  }
  return { overdue: true, due, plan, explanation: { status: "fail", label, detail: `due ${day}, still open: escalated${rec.escalated ? " earlier" : " now"}` } };
}
