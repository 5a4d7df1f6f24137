import type { ImsConfig } from "../config/schema.js";
import type { OnceComment } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import { linksOf, type RecordLinks } from "../problems/links.js";
import type { SlaResult } from "../sla/clock.js";
import type { RecordHistory } from "../sla/history.js";
import type { CardSection } from "./card.js";
import type { Classification } from "./classify.js";
import { decideLinksSection } from "./live/links.js";
import { decideMajor } from "./live/major.js";
import { mergeParts, type LiveContext } from "./live/part.js";
import { decideReviewNeed } from "./live/review-need.js";
import { decideSecurityRouting } from "./live/security-routing.js";
import { decideSlaAndEscalation } from "./live/sla-escalation.js";

/** What the live part of an incident decision reads besides the classification (issue 3). */
export interface IncidentLiveFacts {
  /** The record's history (issue timeline, or the payload of a fresh `opened`). */
  history: RecordHistory;
  /** Bodies of the app's own comments, joined: escalation, notice and link markers. */
  ownText: string;
  /** Organisation that owns the teams (`@org/team` mentions); null names teams without mentioning. */
  org: string | null;
}

/** The SLA, escalation, security-routing and major-incident part of an incident decision. */
export interface LiveDecision {
  labels: { add: string[]; remove: string[] };
  comments: OnceComment[];
  /** Teams whose members are assigned (levels and routes configured with `assign: true`). */
  assignTeams: string[];
  sections: CardSection[];
  traces: Trace[];
  sla: SlaResult | null;
  links: RecordLinks;
  major: boolean;
  /** Closed major or security incident without a linked post-incident review: the flow opens one. */
  reviewNeeded: boolean;
}

/**
 * Decides what time, teams and links add to a classified incident (pure: `now` is passed in), as
 * small deciders in the order the card shows them: SLA and escalation, security routing, major
 * incident, links, review need. `planned` are the labels the record will carry once the
 * classification's label diff is applied.
 */
export function decideLive(
  cls: Classification,
  facts: { state: "open" | "closed"; delivery: string | null; alertSeverity: string | null },
  live: IncidentLiveFacts,
  planned: readonly string[],
  config: ImsConfig,
  now: Date,
): LiveDecision {
  const ctx: LiveContext = { cls, open: facts.state === "open", ownText: live.ownText, planned, alertSeverity: facts.alertSeverity, config, now, delivery: facts.delivery, org: live.org };
  const links = linksOf(live.ownText);
  const time = decideSlaAndEscalation(ctx, live.history);
  const security = decideSecurityRouting(ctx);
  const major = decideMajor(ctx, links);
  const review = decideReviewNeed(ctx, major.major, links);
  const { add, remove, comments, assignTeams, sections, traces } = mergeParts([time.part, security, major.part, decideLinksSection(links), review.part]);
  return { labels: { add, remove }, comments, assignTeams, sections, traces, sla: time.sla, links, major: major.major, reviewNeeded: review.reviewNeeded };
}
