import type { ImsConfig } from "../config/schema.js";
import { hasLabel } from "../core/labels.js";
import { parseForm, answer } from "../records/form.js";
import { RISK_FIELDS, RISK_REVIEW_OVERDUE } from "./decide.js";
import { reviewState } from "./review.js";

/**
 * Whether the sweep should evaluate a listed risk record for its review (pure, from the search
 * result alone): inside the reminder window, or overdue and not yet labelled so, or scheduled again
 * and still labelled overdue. A review that the record already shows, or a record without a valid
 * date, costs no request.
 */
export function riskReviewDue(body: string | null, labels: readonly string[], config: ImsConfig, now: Date): boolean {
  const st = reviewState(answer(parseForm(body), RISK_FIELDS.review), config.risks.review.leadDays, now).state;
  if (st === "due-soon") return !hasLabel(labels, RISK_REVIEW_OVERDUE);
  if (st === "overdue") return !hasLabel(labels, RISK_REVIEW_OVERDUE);
  // no (valid) date: nothing changes with time; an edit of the form is an event of its own, and an
  // escalated review stays overdue until a new date is set (decideRisk)
  if (st === "none" || st === "invalid") return false;
  return hasLabel(labels, RISK_REVIEW_OVERDUE);
}
