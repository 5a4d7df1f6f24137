import { sameLabel } from "../../../core/labels.js";
import { linksOf } from "../../../problems/links.js";
import { answer, parseForm } from "../../../records/form.js";
import { assessRisk, RISK_FIELDS, RISK_LEVEL_LABELS, RISK_REVIEW_OVERDUE } from "../../../risks/decide.js";
import type { RecordLink, RiskRecord, RiskReviewEvent } from "../../types.js";
import { login, type GqlIssue } from "../gql-types.js";
import { botComments, htmlBase, linkTo, timelineOf, tracesOf, issueBase } from "./common.js";
import type { NormaliseContext } from "./incident.js";

const isLevelLabel = (name: string) => RISK_LEVEL_LABELS.some((l) => sameLabel(l, name));

/**
 * The risk record of an issue labelled ims:risk. The assessment is the app's own rule (assessRisk)
 * over the form and the app's own comments, so a person's pasted acceptance marker accepts nothing;
 * the review state is taken at the period's end (or at closing, for a risk closed before it).
 */
export function normaliseRisk(node: GqlIssue, sources: string[], ctx: NormaliseContext): RiskRecord {
  const { index, config } = ctx;
  const labels = node.labels.nodes.map((l) => l.name);
  const bots = botComments(node.timelineItems.nodes, ctx.trusted);
  const ownText = bots.map((c) => c.body).join("\n");
  // an acceptance only from the app's comments nobody edited (anyone with write access may edit them), as the app reads it
  const acceptanceText = bots.filter((c) => !c.edited).map((c) => c.body).join("\n");
  const source = sources[0] ?? null;
  const end = Date.parse(ctx.periodEnd);
  const at = node.state === "CLOSED" && node.closedAt && Date.parse(node.closedAt) <= end ? new Date(node.closedAt) : new Date(end);
  // the repository the risk is in (its URL): an acceptance given in another one, before a transfer, does not count here
  const [owner = "", repo = ""] = index.repo.split("/");
  const as = assessRisk({ body: node.body, ownText, acceptanceText, owner, repo }, config, at);
  const form = parseForm(node.body);
  const base = htmlBase(node.url);
  const links = linksOf(ownText);
  const linked = (ns: readonly number[] | undefined, kind: RecordLink["kind"]) =>
    (ns ?? []).map((n) => linkTo(index, n, kind, bots.find((c) => new RegExp(`<!-- ims-link rel=${kind} to=${n}[ >]`).test(c.body))?.at ?? null, base));
  // the level as the app labelled it over time: the first is the assessment, each later change a reassessment
  let assessedAt: string | null = null;
  let lastLevel: string | null = null;
  const reviews: RiskReviewEvent[] = [];
  for (const i of node.timelineItems.nodes) {
    if (!i.label) continue;
    const name = i.label.name;
    if (i.__typename === "LabeledEvent" && isLevelLabel(name)) {
      const level = name.slice(name.indexOf(":") + 1).toLowerCase();
      if (assessedAt === null) assessedAt = i.createdAt ?? null;
      else if (level !== lastLevel) reviews.push({ at: i.createdAt ?? "", by: login(i.actor), how: "reassessed", level });
      lastLevel = level;
    }
    if (i.__typename === "UnlabeledEvent" && sameLabel(name, RISK_REVIEW_OVERDUE)) reviews.push({ at: i.createdAt ?? "", by: login(i.actor), how: "review-overdue-cleared", level: null });
  }
  const levelLabel = labels.find(isLevelLabel) ?? null;
  // a level label present from the start (no labeled event in the timeline) was assessed when the issue opened
  if (assessedAt === null && levelLabel) assessedAt = node.createdAt;
  const acc = as.acceptance;
  return {
    kind: "risk",
    ...issueBase(node, index.repo),
    service: as.asset,
    asset: as.asset,
    threat: answer(form, RISK_FIELDS.threat),
    vulnerability: answer(form, RISK_FIELDS.vulnerability),
    likelihood: as.likelihood,
    impact: as.impact,
    level: as.level,
    levelLabel,
    treatment: as.treatment,
    treatmentPlan: answer(form, RISK_FIELDS.plan) !== null,
    owner: as.owner,
    assessedAt,
    acceptance: acc.state,
    acceptedBy: acc.state === "accepted" ? acc.acceptance.by : null,
    acceptedAt: acc.state === "accepted" ? acc.acceptance.at : null,
    acceptedLevel: acc.state === "accepted" ? acc.acceptance.level : null,
    acceptanceReason: acc.state === "accepted" ? acc.acceptance.reason : acc.state === "owner" ? acc.reason : null,
    reviewDate: as.review.date,
    reviewState: as.review.state,
    reviews,
    incidents: linked(links.incidents, "incident"),
    problems: linked(links.problems, "problem"),
    changes: linked(links.changes, "change"),
    timeline: timelineOf({ at: node.createdAt, by: login(node.author) }, node.timelineItems.nodes, source),
    traces: tracesOf(bots, source),
    sources,
  };
}

