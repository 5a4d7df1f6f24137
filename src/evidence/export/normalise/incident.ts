import type { ImsConfig, Priority } from "../../../config/schema.js";
import { hasLabel } from "../../../core/labels.js";
import { linksOf } from "../../../problems/links.js";
import { classify } from "../../../records/classify.js";
import { NOTICE } from "../../../records/markers.js";
import { computeSla, type SlaResult, type TargetResult } from "../../../sla/clock.js";
import { pickPriority, priorityOfLabel } from "../../../sla/labels.js";
import { escalationMarker, parseEscalationMarkers } from "../../../sla/markers.js";
import { resolveTeam } from "../../../sla/teams.js";
import { resolversOf } from "../../../services/catalogue.js";
import { outageMarks, outageWindows } from "../../../services/outage.js";
import { answer, parseForm } from "../../../records/form.js";
import { normaliseHistory } from "../../../sla/timeline.js";
import { respondApplies, slaFor, type SlaSubject } from "../../../alerts/remediation.js";
import { alertOf, slaSubjectOf } from "./alert-of.js";
import type { ClassificationChange, Escalation, IncidentRecord, RecordLink, SecurityState, SlaClockResult } from "../../types.js";
import { login, type GqlIssue, type RepoIndex } from "../gql-types.js";
import { botComments, commentsOf, type TrustedApp, htmlBase, labelStates, linkTo, restTimeline, timelineOf, tracesOf, issueBase } from "./common.js";

/** Comment authors GitHub shows as owner, member or collaborator: the people who may respond for the team. */
const RESPONDER_ASSOCIATIONS: ReadonlySet<string> = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** What the normalisers share for one repository. */
export interface NormaliseContext {
  index: RepoIndex;
  config: ImsConfig;
  /** Period end: the SLA of a record still open then is measured at it. */
  periodEnd: string;
  /** Whose comments and check runs count as the app's (the export's `--app-login`). */
  trusted: TrustedApp;
}

function securityOf(labels: readonly string[]): SecurityState {
  if (hasLabel(labels, "security:incident")) return "incident";
  if (hasLabel(labels, "security:not-incident")) return "not-incident";
  if (hasLabel(labels, "security:event")) return "event";
  return "none";
}

/** One classification state from the labels (and the form answers in the body), as the app's own rule reads them. */
function stateOf(labels: string[], body: string, config: ImsConfig) {
  const cls = classify({ labels, body }, config);
  const set: Priority[] = [];
  for (const l of labels) {
    const p = priorityOfLabel(l);
    if (p) set.push(p);
  }
  return {
    priority: pickPriority(set, config.classification.conflict) ?? null,
    impact: cls.impact,
    urgency: cls.urgency,
    security: securityOf(labels),
    major: hasLabel(labels, "major-incident"),
    cls,
  };
}

const same = (a: Omit<ClassificationChange, "at" | "by">, b: Omit<ClassificationChange, "at" | "by">) =>
  a.priority === b.priority && a.impact === b.impact && a.urgency === b.urgency && a.security === b.security && a.major === b.major;

/** Classification history: each label change that changed priority, impact, urgency, security state or major. */
export function classificationHistory(node: GqlIssue, config: ImsConfig): ClassificationChange[] {
  const { initial, changes } = labelStates(node.labels.nodes.map((l) => l.name), node.timelineItems.nodes);
  const out: ClassificationChange[] = [];
  const pick = (labels: string[]) => {
    const s = stateOf(labels, node.body, config);
    return { priority: s.priority, impact: s.impact, urgency: s.urgency, security: s.security, major: s.major };
  };
  let prev = pick(initial);
  if (prev.priority !== null || prev.security !== "none" || prev.major) out.push({ at: node.createdAt, by: login(node.author), ...prev });
  for (const c of changes) {
    const next = pick(c.labels);
    if (!same(prev, next)) out.push({ at: c.at, by: c.by, ...next });
    prev = next;
  }
  return out;
}

function clockResult(t: TargetResult, sla: SlaResult): SlaClockResult {
  // Closed before anyone responded: the respond target was never measured, neither met nor breached.
  const status = t.state === "breached" ? "breached" : t.state === "met" ? "met" : t.state === "stopped" ? "stopped" : "running";
  const metAt = t.name === "respond" ? (sla.respondedAt ?? null) : null;
  return {
    clock: t.name,
    priority: sla.priority,
    target: t.target,
    targetMinutes: t.targetMinutes,
    calendar: sla.calendar,
    elapsedMinutes: Math.round(t.elapsedMinutes * 100) / 100,
    status,
    at: status === "breached" ? t.due.toISOString() : status === "met" ? (metAt?.toISOString() ?? null) : null,
    ...(t.name === "respond" ? { respondedAt: sla.respondedAt?.toISOString() ?? null, start: sla.start.toISOString() } : {}),
  };
}

/**
 * The SLA clock at closing time (or the period end for a record open then), from the timeline alone,
 * with the targets the app judged it by: a security alert's record resolves within its remediation
 * target (slaFor over `subject`: slaSubjectOf), as on its card. Null when the record never
 * became a prioritised incident.
 */
/**
 * `span`: a security alert's own times, when GitHub's differ from its record's: `start` (the alert
 * raised before its record opened: what the record's opening carried counts from it) and `end` (the
 * alert fixed or dismissed: the clock stops there, whenever the record closed).
 */
export function clockOf(node: GqlIssue, config: ImsConfig, periodEnd: string, respondedBy: string[], subject: SlaSubject, span: { start?: string; end?: string } = {}): SlaResult | null {
  const responders = new Set<string>(respondedBy.map((l) => l.toLowerCase()));
  for (const c of commentsOf(node.timelineItems.nodes)) if (c.author && RESPONDER_ASSOCIATIONS.has(c.association)) responders.add(c.author.toLowerCase());
  // Assigning an issue takes triage permission on GitHub: whoever assigned may respond.
  for (const i of node.timelineItems.nodes) if (i.__typename === "AssignedEvent" && i.actor) responders.add(login(i.actor)!.toLowerCase());
  const opened = Date.parse(node.createdAt);
  const start = span.start && Date.parse(span.start) < opened ? span.start : node.createdAt;
  const end = Date.parse(periodEnd);
  const stop = span.end && Date.parse(span.end) <= end ? span.end : null;
  let timeline = restTimeline(node.timelineItems.nodes);
  // what the record was opened with (its labels) held from the alert's raising on
  if (start !== node.createdAt) timeline = timeline.map((i) => (i.created_at && Date.parse(i.created_at) <= opened ? { ...i, created_at: start } : i));
  // the alert's end is the remediation's end: the record's own closing (and any reopening) does not move it
  if (stop) timeline = [...timeline.filter((i) => i.event !== "closed" && i.event !== "reopened" && (!i.created_at || Date.parse(i.created_at) <= Date.parse(stop))), { event: "closed", created_at: stop }];
  const issue = { created_at: start, user: node.author ? { login: login(node.author)!, type: node.author.__typename } : null, state: stop ? "closed" : node.state.toLowerCase(), closed_at: stop ?? node.closedAt, labels: node.labels.nodes };
  const history = normaliseHistory(issue, timeline, { responders, conflict: config.classification.conflict });
  const at = stop ? new Date(stop) : node.state === "CLOSED" && node.closedAt && Date.parse(node.closedAt) <= end ? new Date(node.closedAt) : new Date(end);
  try {
    return computeSla(history, slaFor(subject, config), at, { respond: respondApplies(subject) });
  } catch {
    return null;
  }
}

/** SLA clocks at closing time (or the period end for a record open then), from the timeline alone. */
export function slaOf(node: GqlIssue, config: ImsConfig, periodEnd: string, respondedBy: string[], subject: SlaSubject): SlaClockResult[] {
  const sla = clockOf(node, config, periodEnd, respondedBy, subject);
  if (!sla) return [];
  // a security alert's record has no respond clock: its remediation target is its resolve target
  const resolve = clockResult(sla.resolve, sla);
  const out = sla.respond ? [clockResult(sla.respond, sla), resolve] : [resolve];
  if (resolve.status === "met") resolve.at = node.closedAt;
  return out;
}

/** Escalations the app performed: its marker comments (levels), security routing and major-incident notices. */
export function escalationsOf(node: GqlIssue, config: ImsConfig, service: string | null, trusted: TrustedApp): Escalation[] {
  const out: Escalation[] = [];
  for (const c of botComments(node.timelineItems.nodes, trusted)) {
    for (const level of parseEscalationMarkers(c.body)) {
      if (!c.body.includes(escalationMarker(level))) continue;
      const l = config.escalation.levels.find((x) => x.name === level);
      out.push({
        at: c.at,
        kind: l?.kind ?? "functional",
        level,
        team: l ? resolveTeam(l.team, service, resolversOf(config)) : "unknown",
        reason: l?.when === "breached" ? "breached" : "at-risk",
      });
    }
    if (c.body.includes(NOTICE.securityRouted)) out.push({ at: c.at, kind: "functional", level: "security", team: config.security.team, reason: "security" });
    if (c.body.includes(NOTICE.majorNotified)) out.push({ at: c.at, kind: "hierarchical", level: "major incident", team: config.major.team, reason: "major" });
  }
  return out;
}

/** Outage windows from the form answers and the app's `/ims outage` replies, read as the app reads them. */
function outagesOf(body: string, botText: string, config: ImsConfig) {
  const form = parseForm(body);
  const f = config.classification.fields;
  return outageWindows({ start: answer(form, f.outageStart), end: answer(form, f.outageEnd) }, outageMarks(botText)).windows;
}

/** The incident record of an issue labelled ims:incident. */
export function normaliseIncident(node: GqlIssue, sources: string[], ctx: NormaliseContext): IncidentRecord {
  const { config, index } = ctx;
  const labels = node.labels.nodes.map((l) => l.name);
  const now = stateOf(labels, node.body, config);
  const bots = botComments(node.timelineItems.nodes, ctx.trusted);
  const source = sources[0] ?? null;
  const traces = tracesOf(bots, source);
  const respondedBy = traces.flatMap((t) => (t.trace.rule === "sla.evaluate" && typeof t.trace.inputs.respondedBy === "string" ? [t.trace.inputs.respondedBy] : []));
  const links = linksOf(bots.map((c) => c.body).join("\n"));
  const base = htmlBase(node.url);
  const firstMarkerAt = (rel: string, n: number) => bots.find((c) => c.body.includes(`<!-- ims-link rel=${rel} to=${n}`))?.at ?? null;
  const problems: RecordLink[] = links.problems.map((n) => linkTo(index, n, "problem", firstMarkerAt("problem", n), base));
  for (const i of node.timelineItems.nodes) {
    const s = i.source;
    if (i.__typename !== "CrossReferencedEvent" || s?.__typename !== "Issue" || s.repository?.nameWithOwner.toLowerCase() !== index.repo.toLowerCase() || !s.number) continue;
    if (index.issues[s.number]?.kind === "problem" && !problems.some((p) => p.number === s.number)) problems.push(linkTo(index, s.number, "problem", i.createdAt ?? null, base));
  }
  const reviewNo = links.reviews[0];
  const alert = alertOf(node, ctx.trusted);
  const cia = now.cls.cia;
  const level = now.impact;
  return {
    kind: "incident",
    ...issueBase(node, index.repo),
    service: now.cls.service,
    priority: now.priority,
    impact: now.impact,
    urgency: now.urgency,
    // The scheme records which of C, I and A are affected, not a level of each: the record's impact stands for it.
    cia: {
      confidentiality: cia.includes("confidentiality") ? (level ?? "medium") : null,
      integrity: cia.includes("integrity") ? (level ?? "medium") : null,
      availability: cia.includes("availability") ? (level ?? "medium") : null,
      personalData: now.cls.personalData,
    },
    security: now.security,
    major: now.major,
    review: reviewNo === undefined ? null : { ...linkTo(index, reviewNo, "problem", firstMarkerAt("review", reviewNo), base), completedAt: index.issues[reviewNo]?.closedAt ?? null },
    timeline: timelineOf({ at: node.createdAt, by: login(node.author) }, node.timelineItems.nodes, source),
    classification: classificationHistory(node, config),
    sla: slaOf(node, config, ctx.periodEnd, respondedBy, slaSubjectOf(node, alert)),
    escalations: escalationsOf(node, config, now.cls.service, ctx.trusted),
    problems,
    outages: outagesOf(node.body, bots.map((c) => c.body).join("\n"), config),
    ...(alert ? { alert: { source: alert.source, number: alert.number } } : {}),
    traces,
    sources,
  };
}
