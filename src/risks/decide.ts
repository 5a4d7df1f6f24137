import type { ImsConfig } from "../config/schema.js";
import { md, renderExplanation, type Explanation } from "../core/explain.js";
import { hasLabel, sameLabel } from "../core/labels.js";
import { emptyPlan, type IssuePlan } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import type { CardSection } from "../records/card.js";
import { commandsSection } from "../records/commands-help.js";
import { answer, normaliseHeading, parseForm } from "../records/form.js";
import { linksOf } from "../problems/links.js";
import { teamMention } from "../sla/teams.js";
import { acceptanceState, parseAcceptances, subjectOf, type AcceptanceState } from "./acceptance.js";
import { RISK_LEVELS, riskLevel, scaleValue, type RiskLevel } from "./matrix.js";
import { reviewState, type ReviewState } from "./review.js";

/** The form's headings (templates/ISSUE_TEMPLATE/risk.yml). */
export const RISK_FIELDS = {
  asset: "Asset or service",
  threat: "Threat",
  vulnerability: "Vulnerability",
  likelihood: "Likelihood",
  impact: "Impact",
  owner: "Risk owner",
  treatment: "Treatment",
  plan: "Treatment plan",
  review: "Review date",
} as const;

export const TREATMENTS = ["accept", "mitigate", "transfer", "avoid"] as const;
export type Treatment = (typeof TREATMENTS)[number];

/** The labels the app keeps on a risk record; any other value of these families is removed. */
export const RISK_LEVEL_LABELS = RISK_LEVELS.map((l) => `risk-level:${l}`);
export const TREATMENT_LABELS = TREATMENTS.map((t) => `treatment:${t}`);
export const RISK_ACCEPTED = "risk:accepted";
export const RISK_ACCEPTANCE_REQUIRED = "risk:acceptance-required";
export const RISK_REVIEW_OVERDUE = "risk:review-overdue";
const MANAGED = [...RISK_LEVEL_LABELS, ...TREATMENT_LABELS, RISK_ACCEPTED, RISK_ACCEPTANCE_REQUIRED, RISK_REVIEW_OVERDUE];

/** What a risk decision reads: the issue as GitHub holds it and the app's own comments. */
export interface RiskFacts {
  owner: string;
  repo: string;
  number: number;
  body: string | null;
  labels: readonly string[];
  state: "open" | "closed";
  /** The app's own comments on the record, joined (links, reminders, escalations). */
  ownText: string;
  /**
   * The app's own comments that nobody edited since the app wrote them, joined: the only text an
   * acceptance is read from. Anyone with write access may edit any comment, the app's too, so a marker
   * in an edited one may be forged. Absent: `ownText` (callers that cannot tell edits).
   */
  acceptanceText?: string;
  delivery: string | null;
}

/** The assessment read from the form and the matrix. */
export interface RiskAssessment {
  asset: string | null;
  likelihood: number | null;
  impact: number | null;
  level: RiskLevel | null;
  treatment: Treatment | null;
  owner: string | null;
  review: { state: ReviewState; date: string | null; nextAt: Date | null };
  acceptance: AcceptanceState;
  /** subjectOf(asset, threat, vulnerability): what an acceptance now would accept. */
  subject: string;
  missing: string[];
  /** Headings the form gives twice: a reader may see the other answer, so they count as unanswered. */
  ambiguous: string[];
}

export interface RiskDecision {
  assessment: RiskAssessment;
  plan: IssuePlan;
}

const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)$/;

/** Reads the form and rates the risk on the configured matrix (pure). */
export function assessRisk(facts: Pick<RiskFacts, "body" | "ownText" | "acceptanceText"> & { owner?: string; repo?: string }, config: ImsConfig, now: Date): RiskAssessment {
  const rc = config.risks;
  const form = parseForm(facts.body);
  // a heading given twice has no one answer (a reader may see the other one): unanswered, as for change records
  const ambiguous = Object.values(RISK_FIELDS).filter((h) => form.duplicates.has(normaliseHeading(h)));
  const a = (h: string) => (ambiguous.includes(h as (typeof ambiguous)[number]) ? null : answer(form, h));
  const likelihood = scaleValue(a(RISK_FIELDS.likelihood), rc.likelihoods, rc.matrix.length);
  const impact = scaleValue(a(RISK_FIELDS.impact), rc.impacts, rc.matrix[0]?.length ?? 0);
  const level = likelihood !== null && impact !== null ? riskLevel(rc.matrix, likelihood, impact) : null;
  const t = a(RISK_FIELDS.treatment)?.trim().toLowerCase() ?? null;
  const treatment = (TREATMENTS as readonly string[]).includes(t ?? "") ? (t as Treatment) : null;
  const ownerMatch = LOGIN.exec(a(RISK_FIELDS.owner)?.trim() ?? "");
  const owner = ownerMatch ? ownerMatch[1]! : null;
  const review = reviewState(a(RISK_FIELDS.review), rc.review.leadDays, now);
  const missing: string[] = [];
  if (likelihood === null) missing.push(RISK_FIELDS.likelihood);
  if (impact === null) missing.push(RISK_FIELDS.impact);
  if (treatment === null) missing.push(RISK_FIELDS.treatment);
  if (owner === null) missing.push(RISK_FIELDS.owner);
  if (review.state === "none" || review.state === "invalid") missing.push(RISK_FIELDS.review);
  const subject = subjectOf([a(RISK_FIELDS.asset), a(RISK_FIELDS.threat), a(RISK_FIELDS.vulnerability)]);
  const acceptance = acceptanceState(treatment, level, rc.acceptAbove, parseAcceptances(facts.acceptanceText ?? facts.ownText), subject, facts.owner && facts.repo ? `${facts.owner}/${facts.repo}` : null);
  return { asset: a(RISK_FIELDS.asset), likelihood, impact, level, treatment, owner, review, acceptance, subject, missing, ambiguous };
}

const ESCALATED = /<!-- ims-risk-review-overdue date=(\d{4}-\d{2}-\d{2}) -->/g;

/**
 * A review date removed or made unreadable does not end an escalation: once the app has escalated an
 * overdue review (its own comment says so), only a valid new date (the review) clears it; otherwise
 * blanking the date would silence the escalation without any review.
 */
function overdueStillOpen(state: ReviewState, ownText: string): boolean {
  return (state === "none" || state === "invalid") && lastEscalated(ownText) !== null;
}

/** The review date of the app's last overdue escalation on the record, or null. */
function lastEscalated(ownText: string): string | null {
  return [...ownText.matchAll(ESCALATED)].at(-1)?.[1] ?? null;
}

/** Plans a risk record's labels, card and review reminders (pure: `now` is passed in). */
export function decideRisk(facts: RiskFacts, config: ImsConfig, now: Date): RiskDecision {
  const rc = config.risks;
  const as = assessRisk(facts, config, now);
  const plan = emptyPlan(facts.owner, facts.repo, facts.number);
  const want: string[] = [];
  if (as.level) want.push(`risk-level:${as.level}`);
  if (as.treatment) want.push(`treatment:${as.treatment}`);
  if (as.acceptance.state === "accepted") want.push(RISK_ACCEPTED);
  if (as.acceptance.state === "required") want.push(RISK_ACCEPTANCE_REQUIRED);
  const open = facts.state === "open";
  const stillOverdue = open && overdueStillOpen(as.review.state, facts.ownText);
  if (open && (as.review.state === "overdue" || stillOverdue)) want.push(RISK_REVIEW_OVERDUE);
  plan.labels = {
    add: want.filter((l) => !hasLabel(facts.labels, l)),
    remove: facts.labels.filter((l) => MANAGED.some((m) => sameLabel(m, l)) && !want.some((w) => sameLabel(w, l))),
  };
  if (open && as.review.date && as.review.state === "due-soon") {
    const who = as.owner ? `@${as.owner}` : "The risk owner (no valid login in the form)";
    plan.comments.push({
      marker: `<!-- ims-risk-review-reminder date=${as.review.date} -->`,
      body: `⏰ ${who}: this risk is due for review on **${as.review.date}**. Review the likelihood, impact and treatment, and set the next review date in the form.`,
    });
  }
  if (open && as.review.date && as.review.state === "overdue") {
    const owner = as.owner ? `@${as.owner}` : "the risk owner";
    plan.comments.push({
      marker: `<!-- ims-risk-review-overdue date=${as.review.date} -->`,
      // `@org/team` mentions the team; a bare `@slug` would mention a user of that login, not the team
      body: `🚨 ${teamMention(rc.review.escalateTo, facts.owner)}: the review of this risk was due on **${as.review.date}** and is overdue (owner ${owner}).`,
    });
  }
  const trace: Trace = {
    v: 1,
    rule: "risk.assess",
    inputs: { likelihood: as.likelihood, impact: as.impact, treatment: as.treatment, owner: as.owner, reviewDate: as.review.date, matrix: `${rc.matrix.length}x${rc.matrix[0]?.length ?? 0}`, acceptAbove: rc.acceptAbove },
    result: {
      level: as.level,
      acceptance: as.acceptance.state,
      ...(as.acceptance.state === "accepted" ? { acceptedBy: as.acceptance.acceptance.by, acceptedAt: as.acceptance.acceptance.at, acceptedLevel: as.acceptance.acceptance.level } : {}),
      review: as.review.state,
      ...(stillOverdue ? { stillOverdue: lastEscalated(facts.ownText) } : {}),
      missing: as.missing,
      ...(as.ambiguous.length ? { ambiguous: as.ambiguous } : {}),
    },
    time: now.toISOString(),
    delivery: facts.delivery,
  };
  plan.card = { heading: `Risk record · ${as.level ? `level ${as.level}` : "needs assessment"}${as.treatment ? ` · ${as.treatment}` : ""}`, sections: riskSections(as, facts, config), traces: [trace] };
  return { assessment: as, plan };
}

function riskSections(as: RiskAssessment, facts: RiskFacts, config: ImsConfig): CardSection[] {
  const rc = config.risks;
  const step = (names: readonly string[], n: number | null) => (n === null ? "not answered" : `${n}${names[n - 1] ? ` (${md(names[n - 1]!)})` : ""}`);
  const derived: Explanation = {
    status: as.level ? "info" : "pending",
    label: "Risk level",
    detail: as.level ? `**${as.level}**` : "not assessed",
    children: [
      { status: as.likelihood ? "pass" : "fail", label: "likelihood", detail: step(rc.likelihoods, as.likelihood) },
      { status: as.impact ? "pass" : "fail", label: "impact", detail: step(rc.impacts, as.impact) },
      { status: "info", label: "matrix", detail: `\`risks.matrix\` (${rc.matrix.length} x ${rc.matrix[0]?.length ?? 0}) row ${as.likelihood ?? "?"}, column ${as.impact ?? "?"} -> ${as.level ?? "?"}` },
    ],
  };
  const sections: CardSection[] = [{ id: "assessment", title: "Assessment", body: renderExplanation(derived) }];
  if (as.missing.length) sections.push({ id: "missing", title: null, body: `**Needs:** ${as.missing.map((m) => `\`${m}\``).join(", ")}` });
  if (as.ambiguous.length) sections.push({ id: "ambiguous", title: null, body: `**Given twice:** ${as.ambiguous.map((m) => `\`${m}\``).join(", ")}: a reader may see the other answer, so neither counts. Keep one.` });
  const acc = as.acceptance;
  const accText =
    acc.state === "not-accept"
      ? `${as.treatment ? `\`${as.treatment}\`` : "not chosen"}${as.treatment && as.treatment !== "accept" ? "" : ""}`
      : acc.state === "owner"
        ? `\`accept\`: ${acc.reason}`
        : acc.state === "accepted"
          ? `\`accept\`: ✅ accepted at \`${acc.acceptance.level}\` by @${acc.acceptance.by} on ${acc.acceptance.at}${acc.acceptance.reason ? `, because: ${md(acc.acceptance.reason)}` : ""}`
          : `\`accept\`: ⏳ ${acc.reason} (members of \`${rc.acceptors}\`)`;
  sections.push({ id: "treatment", title: null, body: `**Treatment:** ${accText}` });
  const owner = as.owner ? `@${as.owner}` : "not named";
  const escalated = facts.state === "open" && overdueStillOpen(as.review.state, facts.ownText) ? `; the review due on ${lastEscalated(facts.ownText)} is still **overdue** until a new date is set` : "";
  const review =
    as.review.state === "none"
      ? `no review date${escalated}`
      : as.review.state === "invalid"
        ? `the review date is not a date like \`2027-03-31\`${escalated}`
        : `${as.review.date} (${as.review.state === "scheduled" ? "scheduled" : as.review.state === "due-soon" ? "due soon: owner reminded" : `**overdue**: \`${rc.review.escalateTo}\` told`})`;
  sections.push({ id: "review", title: null, body: `**Owner:** ${owner} · **Next review:** ${review}` });
  const links = linksOf(facts.ownText);
  const parts = [
    ...links.incidents.map((n) => `incident #${n}`),
    ...links.problems.map((n) => `problem #${n}`),
    ...(links.changes ?? []).map((n) => `change #${n}`),
  ];
  if (parts.length) sections.push({ id: "links", title: null, body: `**Linked:** ${parts.join(", ")}` });
  sections.push(commandsSection("risk"));
  return sections;
}
