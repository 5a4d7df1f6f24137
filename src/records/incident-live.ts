import type { ImsConfig, Priority } from "../config/schema.js";
import { md } from "../core/explain.js";
import { hasLabel as has } from "../core/labels.js";
import type { OnceComment } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import { linksOf, type RecordLinks } from "../problems/links.js";
import { formatDue } from "../sla/card.js";
import { computeSla, type SlaResult, type TargetResult } from "../sla/clock.js";
import { decideEscalation } from "../sla/escalate.js";
import type { RecordHistory } from "../sla/history.js";
import { parseEscalationMarkers } from "../sla/markers.js";
import { replay } from "../sla/replay.js";
import { resolveTeam, teamMention } from "../sla/teams.js";
import type { CardSection } from "./card.js";
import type { Classification } from "./classify.js";
import { NOTICE } from "./markers.js";

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

const ESCALATION_LABEL = { functional: "escalation:functional", hierarchical: "escalation:hierarchical" } as const;

/**
 * Decides what time, teams and links add to a classified incident (pure: `now` is passed in).
 * `planned` are the labels the record will carry once the classification's label diff is applied.
 */
export function decideLive(
  cls: Classification,
  facts: { state: "open" | "closed"; delivery: string | null },
  live: IncidentLiveFacts,
  planned: readonly string[],
  config: ImsConfig,
  now: Date,
): LiveDecision {
  const time = now.toISOString();
  const trace = (rule: string, inputs: Record<string, unknown>, result: Record<string, unknown>): Trace => ({ v: 1, rule, inputs, result, time, delivery: facts.delivery });
  const add: string[] = [];
  const remove: string[] = [];
  const comments: OnceComment[] = [];
  const assignTeams: string[] = [];
  const sections: CardSection[] = [];
  const traces: Trace[] = [];
  const open = facts.state === "open";
  const mention = (team: string) => teamMention(team, live.org);
  // The card names teams without notifying them: the one-off comment is the one notification.
  const named = (team: string) => "`" + teamMention(team, live.org) + "`";

  // SLA: the history as GitHub holds it, plus the priority this decision is about to set.
  const history = withPriority(live.history, cls.priority, now);
  let sla: SlaResult | null = null;
  let slaError: string | null = null;
  try {
    sla = computeSla(history, config.sla, now);
  } catch (e) {
    slaError = (e as Error).message;
  }
  const done = parseEscalationMarkers(live.ownText);
  const esc = decideEscalation({ sla, priority: cls.priority, service: cls.service, labels: planned, done, org: live.org }, config.escalation, now);
  add.push(...esc.addLabels);
  remove.push(...esc.removeLabels);
  const kindOf = new Map(config.escalation.levels.map((l) => [l.name, l.kind] as const));
  const reached = [...done, ...esc.escalate.map((e) => e.level)];
  for (const name of reached) {
    const kind = kindOf.get(name);
    const label = kind ? ESCALATION_LABEL[kind] : null;
    if (label && !has(planned, label) && !add.includes(label)) add.push(label);
  }
  for (const e of esc.escalate) {
    const reason = e.when === "breached" ? "the SLA target is breached" : "the SLA target is at risk";
    comments.push({
      marker: e.marker,
      body: `**Escalation (${e.kind}, ${md(e.level)})**: ${mention(e.team)}, ${reason} on this ${sla?.priority ?? ""} incident.${slaSummary(sla)}`,
    });
    if (e.assign) assignTeams.push(e.team);
  }
  const escLines = config.escalation.levels
    .filter((l) => reached.includes(l.name))
    .map((l) => {
      const action = esc.escalate.find((e) => e.level === l.name);
      const team = action?.team ?? resolveTeam(l.team, cls.service, config.escalation.resolvers);
      return `- Escalated (${l.kind}, ${md(l.name)}) to ${named(team)}: SLA ${l.when === "breached" ? "breached" : "at risk"}`;
    });
  sections.push({ id: "sla", title: null, body: [...slaLines(sla, slaError), ...escLines].join("\n") });
  traces.push(
    trace(
      "sla.evaluate",
      { priority: sla?.priority ?? null, start: sla?.start.toISOString() ?? null, respondedBy: sla?.respondedBy ?? null, closed: sla?.closed ?? !open, paused: sla?.paused ?? false },
      { state: sla?.state ?? null, respond: targetTrace(sla?.respond), resolve: targetTrace(sla?.resolve), slaLabel: sla?.state === "breached" ? "sla:breached" : sla?.state === "at-risk" ? "sla:at-risk" : null, error: slaError },
    ),
    // The result is the state reached (each level and its team), not what this run happened to post,
    // so the same state decided again hashes the same and the card is not rewritten.
    trace(
      "escalation",
      { priority: cls.priority, state: sla?.state ?? null, doneBefore: [...done].sort() },
      {
        escalated: config.escalation.levels
          .filter((l) => reached.includes(l.name))
          .map((l) => ({ level: l.name, kind: l.kind, team: esc.escalate.find((e) => e.level === l.name)?.team ?? resolveTeam(l.team, cls.service, config.escalation.resolvers) })),
      },
    ),
  );

  // Security events go to the security team once (functional escalation, 27001 A.16.1.4 / 5.25).
  const sec = config.security;
  if (cls.security === "event") {
    const routed = live.ownText.includes(NOTICE.securityRouted);
    if (open && !routed) {
      comments.push({
        marker: NOTICE.securityRouted,
        body: `**Security event**: ${mention(sec.team)}, please assess this information security event (27001 A.16.1.4 / 5.25) with \`/ims assess incident\` or \`/ims assess not-incident\`.`,
      });
      if (sec.assign) assignTeams.push(sec.team);
    }
    sections.push({ id: "security", title: null, body: `**Security:** routed to ${named(sec.team)} for assessment (only its members can assess)` });
    traces.push(trace("security.route", { security: "event", team: sec.team }, { routedTo: sec.team, assign: sec.assign }));
  } else if (cls.security === "incident" || cls.security === "not-incident") {
    const words = cls.security === "incident" ? "an information security incident" : "not an information security incident";
    sections.push({ id: "security", title: null, body: `**Security:** assessed by \`${sec.team}\` as ${words}` });
    traces.push(trace("security.route", { security: cls.security, team: sec.team }, { assessed: cls.security }));
  }

  // Major incidents: declared by label (or automatically for P1), management informed once.
  const mj = config.major;
  const auto = mj.autoForP1 && cls.priority === "P1";
  const major = has(planned, "major-incident") || auto;
  if (auto && !has(planned, "major-incident")) add.push("major-incident");
  const links = linksOf(live.ownText);
  if (major) {
    if (open && !live.ownText.includes(NOTICE.majorNotified)) {
      comments.push({
        marker: NOTICE.majorNotified,
        body: `**Major incident**: ${mention(mj.team)}, this ${cls.priority ?? ""} incident has been declared a major incident. The procedure is on the record card; a post-incident review is required.`,
      });
    }
    const review = links.reviews.length ? `post-incident review ${links.reviews.map((n) => `#${n}`).join(", ")}` : "post-incident review (opened by ims-bot when this record is closed)";
    sections.push({
      id: "major",
      title: "Major incident procedure",
      body: [...mj.procedure.map((s) => `- [ ] ${md(s)}`), `- [${links.reviews.length ? "x" : " "}] ${review}`].join("\n"),
    });
    traces.push(trace("major.declare", { label: has(planned, "major-incident"), autoForP1: mj.autoForP1, priority: cls.priority }, { major: true, team: mj.team }));
  }
  const reviewNeeded = !open && mj.reviewOnClose && (major || cls.security === "incident") && links.reviews.length === 0;
  if (links.problems.length || links.reviews.length) {
    const parts = [...links.problems.map((n) => `problem #${n}`), ...links.reviews.map((n) => `post-incident review #${n}`)];
    sections.push({ id: "links", title: null, body: `**Linked records:** ${parts.join(" · ")}` });
  }
  if (!open && (major || cls.security === "incident")) {
    traces.push(trace("review.require", { major, security: cls.security, reviews: links.reviews }, { reviewNeeded }));
  }
  return { labels: { add, remove }, comments, assignTeams, sections, traces, sla, links, major, reviewNeeded };
}

/** The history as it will be once this decision's priority label is set (the clock re-targets from the start). */
function withPriority(h: RecordHistory, priority: Priority | null, now: Date): RecordHistory {
  const r = replay(h, now.getTime());
  if (r.priority === priority) return h;
  return { ...h, events: [...h.events.filter((e) => e.at.getTime() <= now.getTime()), { type: "priority", at: now, priority }] };
}

/** Card lines that change only when a state or a due time changes (no running percentages: no needless edits). */
function slaLines(sla: SlaResult | null, error: string | null): string[] {
  if (error) return [`**SLA**: not computed: ${md(error)}`];
  if (!sla) return ["**SLA**: no clock yet (the record needs a priority)"];
  const head = `**SLA** ${sla.priority} on the \`${sla.calendar}\` calendar, started ${formatDue(sla.start, sla.timeZone)}: **${sla.state}**${sla.paused ? " (paused while `status:waiting`)" : ""}`;
  return [head, targetLine(sla.respond, sla), targetLine(sla.resolve, sla)];
}

function targetLine(t: TargetResult, sla: SlaResult): string {
  const by = t.name === "respond" && sla.respondedBy ? ` by ${md(sla.respondedBy)}` : "";
  return `- ${t.name === "respond" ? "Respond" : "Resolve"} within ${t.target}: ${t.state}${by}, due ${formatDue(t.due, sla.timeZone)}`;
}

function slaSummary(sla: SlaResult | null): string {
  if (!sla) return "";
  return `\n\n- Respond: ${sla.respond.state}, due ${formatDue(sla.respond.due, sla.timeZone)}\n- Resolve: ${sla.resolve.state}, due ${formatDue(sla.resolve.due, sla.timeZone)}`;
}

function targetTrace(t: TargetResult | undefined): Record<string, unknown> | null {
  return t ? { target: t.target, state: t.state, due: t.due.toISOString() } : null;
}
