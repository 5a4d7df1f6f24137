import { linksOf } from "../../../problems/links.js";
import { hasLabel, sameLabel } from "../../../core/labels.js";
import { answer, parseForm } from "../../../records/form.js";
import { parseReviewMarker, REVIEW_LABEL } from "../../../change/review-record.js";
import type { ProblemRecord, RecordLink } from "../../types.js";
import { login, type GqlIssue } from "../gql-types.js";
import { botComments, htmlBase, linkTo, timelineOf, tracesOf, issueBase } from "./common.js";
import type { NormaliseContext } from "./incident.js";

/** The problem record of an issue labelled ims:problem (post-incident and post-implementation reviews included). */
export function normaliseProblem(node: GqlIssue, sources: string[], ctx: NormaliseContext): ProblemRecord {
  const { index, config } = ctx;
  const labels = node.labels.nodes.map((l) => l.name);
  const bots = botComments(node.timelineItems.nodes, ctx.trusted);
  const source = sources[0] ?? null;
  const links = linksOf(bots.map((c) => c.body).join("\n"));
  const base = htmlBase(node.url);
  const markerAt = (n: number) => bots.find((c) => c.body.includes(`<!-- ims-link rel=incident to=${n}`) || c.body.includes(`<!-- ims-link rel=review to=${n}`))?.at ?? null;
  const incidents: RecordLink[] = links.incidents.map((n) => linkTo(index, n, "incident", markerAt(n), base));
  for (const i of node.timelineItems.nodes) {
    const s = i.source;
    if (i.__typename !== "CrossReferencedEvent" || s?.__typename !== "Issue" || !s.number || s.repository?.nameWithOwner.toLowerCase() !== index.repo.toLowerCase()) continue;
    if (index.issues[s.number]?.kind === "incident" && !incidents.some((x) => x.number === s.number)) incidents.push(linkTo(index, s.number, "incident", i.createdAt ?? null, base));
  }
  const form = parseForm(node.body);
  const knownAt = node.timelineItems.nodes.find((i) => i.__typename === "LabeledEvent" && sameLabel(i.label?.name ?? "", "known-error"))?.createdAt ?? null;
  const pir = parseReviewMarker(node.body);
  let reviewOf: RecordLink | null = null;
  if (pir) reviewOf = { kind: "pull", repo: pir.repo, number: pir.number, url: `${base}/${pir.repo}/pull/${pir.number}`, at: node.createdAt };
  else if (hasLabel(labels, REVIEW_LABEL) && incidents[0]) reviewOf = incidents[0];
  return {
    kind: "problem",
    ...issueBase(node, index.repo),
    service: answer(form, config.classification.fields.service),
    incidents,
    knownError: hasLabel(labels, "known-error"),
    knownErrorAt: hasLabel(labels, "known-error") ? knownAt : null,
    rootCause: answer(form, config.problems.fields.rootCause) !== null,
    workaround: answer(form, config.problems.fields.workaround) !== null,
    reviewOf,
    timeline: timelineOf({ at: node.createdAt, by: login(node.author) }, node.timelineItems.nodes, source),
    traces: tracesOf(bots, source),
    sources,
  };
}
