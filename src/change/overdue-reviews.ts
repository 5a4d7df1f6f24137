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
  /** When GitHub says the record was opened (never editable). */
  createdAt?: string | undefined;
  /** Someone edited the body the app wrote (its due date is then not believed: src/github/own-writes.ts). */
  bodyEdited?: boolean | undefined;
  /** The app already escalated it (its escalation marker is in one of its comments). */
  escalated: boolean;
}

/** An open review record as the list of open records shows it (before its comments are read). */
export type ListedReviewRecord = Pick<ReviewRecordState, "number" | "labels" | "body" | "openedByBot" | "createdAt" | "bodyEdited">;

/** Named limit: the shortest `change.emergency.reviewDueDays` allowed (the schema's minimum). */
const MIN_DUE_DAYS = 1;
const DAY_MS = 86_400_000;

/**
 * The due date the app trusts: its marker's, unless someone edited the body; then the record's creation
 * plus `dueDays` (unknown before the config is read: the shortest allowed, so it is never later than
 * the real one), or none when GitHub gave no creation time.
 */
function dueOf(rec: ListedReviewRecord, dueDays = MIN_DUE_DAYS): Date | undefined {
  if (!rec.openedByBot) return undefined;
  if (!rec.bodyEdited) return parseReviewMarker(rec.body)?.due;
  const created = rec.createdAt ? Date.parse(rec.createdAt) : Number.NaN;
  return Number.isNaN(created) ? undefined : new Date(created + dueDays * DAY_MS);
}

/**
 * Whether a listed record may be overdue and not yet marked so: only then are its comments worth a
 * call. A record the app did not open carries no due date it trusts.
 */
export function mayBeOverdue(rec: ListedReviewRecord, now: Date): boolean {
  const due = dueOf(rec);
  return due !== undefined && now.getTime() > due.getTime() && !rec.labels.includes(SLA_LABELS.breached);
}

export interface OverdueConfig {
  /** Functional escalation: who approved the emergency (`change.emergency.approvers`). */
  approvers: string;
  /** Hierarchical escalation: management (`major.team`). */
  management: string;
  /** `change.emergency.reviewDueDays`: the due date of a record whose body someone edited. */
  dueDays?: number | undefined;
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
  const parsed = rec.openedByBot ? parseReviewMarker(rec.body) : null;
  const label = "post-implementation review due";
  const due = dueOf(rec, cfg.dueDays);
  if (!due) return { overdue: false, due: null, plan, explanation: { status: "skip", label, detail: "no due date written by ims-bot" } };
  // a body someone edited names no pull request the app believes
  const subject = rec.bodyEdited || !parsed ? "reviewed in this record" : md(`${parsed.repo}#${parsed.number}`);
  const day = due.toISOString().slice(0, 10);
  if (rec.state !== "open" || now.getTime() <= due.getTime()) {
    return { overdue: false, due, plan, explanation: { status: "pass", label, detail: rec.state === "open" ? `due ${day}, not yet` : "closed: review done" } };
  }
  if (!rec.labels.some((l) => sameLabel(l, SLA_LABELS.breached))) plan.labels.add.push(SLA_LABELS.breached);
  if (rec.bodyEdited) {
    plan.comments.push({
      marker: "<!-- ims-notice edited body -->",
      body: `⚠️ Someone edited this record's description after ims-bot wrote it, so ims-bot no longer believes the due date in it: the review was due ${day}, ${cfg.dueDays ?? MIN_DUE_DAYS} days after the record was opened (\`change.emergency.reviewDueDays\`).`,
    });
  }
  if (!rec.escalated) {
    const who = [teamMention(cfg.approvers, cfg.org), teamMention(cfg.management, cfg.org)];
    plan.comments.push({
      marker: escalationMarker(OVERDUE_LEVEL),
      body: `⏰ The post-implementation review of emergency change ${subject} was due ${day} and is still open. Escalated to ${who[0]} (functional) and ${who[1]} (hierarchical): please complete the review or record why it is late.`,
    });
  }
  return { overdue: true, due, plan, explanation: { status: "fail", label, detail: `due ${day}, still open: escalated${rec.escalated ? " earlier" : " now"}` } };
}
