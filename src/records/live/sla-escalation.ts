import { md } from "../../core/explain.js";
import { formatDue } from "../../sla/card.js";
import { computeSla, type SlaResult, type TargetResult } from "../../sla/clock.js";
import { decideEscalation } from "../../sla/escalate.js";
import { resolversOf } from "../../services/catalogue.js";
import type { RecordHistory } from "../../sla/history.js";
import { parseEscalationMarkers } from "../../sla/markers.js";
import { replay } from "../../sla/replay.js";
import { resolveTeam } from "../../sla/teams.js";
import type { Priority } from "../../config/schema.js";
import { hasLabel } from "../../core/labels.js";
import { respondApplies, slaFor } from "../../alerts/remediation.js";
import { emptyPart, mentionOf, namedOf, traceOf, type LiveContext, type LivePart } from "./part.js";

const ESCALATION_LABEL = { functional: "escalation:functional", hierarchical: "escalation:hierarchical" } as const;

/**
 * The SLA clock over the record's history (with the priority this decision is about to set) and the
 * escalation it calls for: the sla and escalation labels, one comment per level reached now, the SLA
 * card section and the two traces.
 */
export function decideSlaAndEscalation(ctx: LiveContext, history: RecordHistory): { part: LivePart; sla: SlaResult | null } {
  const { cls, config, now } = ctx;
  const part = emptyPart();
  let sla: SlaResult | null = null;
  let slaError: string | null = null;
  try {
    // the app's own alert record runs on its remediation target alone (no respond target)
    const subject = { labels: ctx.planned, alertSeverity: ctx.alertSeverity };
    sla = computeSla(withPriority(history, cls.priority, now), slaFor(subject, config), now, { respond: respondApplies(subject) });
  } catch (e) {
    slaError = (e as Error).message;
  }
  const done = parseEscalationMarkers(ctx.ownText);
  const esc = decideEscalation({ sla, priority: cls.priority, service: cls.service, labels: ctx.planned, done, org: ctx.org }, { ...config.escalation, resolvers: resolversOf(config) }, now);
  part.add.push(...esc.addLabels);
  part.remove.push(...esc.removeLabels);
  const kindOf = new Map(config.escalation.levels.map((l) => [l.name, l.kind] as const));
  const reached = [...done, ...esc.escalate.map((e) => e.level)];
  for (const name of reached) {
    const kind = kindOf.get(name);
    const label = kind ? ESCALATION_LABEL[kind] : null;
    if (label && !hasLabel(ctx.planned, label) && !part.add.includes(label)) part.add.push(label);
  }
  for (const e of esc.escalate) {
    const reason = e.when === "breached" ? "the SLA target is breached" : "the SLA target is at risk";
    part.comments.push({
      marker: e.marker,
      body: `**Escalation (${e.kind}, ${md(e.level)})**: ${mentionOf(ctx, e.team)}, ${reason} on this ${sla?.priority ?? ""} incident.${slaSummary(sla)}`,
    });
    if (e.assign) part.assignTeams.push(e.team);
  }
  const levels = config.escalation.levels
    .filter((l) => reached.includes(l.name))
    .map((l) => ({ level: l, team: esc.escalate.find((e) => e.level === l.name)?.team ?? resolveTeam(l.team, cls.service, resolversOf(config)) }));
  const escLines = levels.map(({ level: l, team }) => `- Escalated (${l.kind}, ${md(l.name)}) to ${namedOf(ctx, team)}: SLA ${l.when === "breached" ? "breached" : "at risk"}`);
  part.sections.push({ id: "sla", title: null, body: [...slaLines(sla, slaError), ...escLines].join("\n") });
  part.traces.push(
    traceOf(
      ctx,
      "sla.evaluate",
      { priority: sla?.priority ?? null, start: sla?.start.toISOString() ?? null, respondedBy: sla?.respondedBy ?? null, closed: sla?.closed ?? !ctx.open, paused: sla?.paused ?? false },
      { state: sla?.state ?? null, respond: targetTrace(sla?.respond ?? undefined), resolve: targetTrace(sla?.resolve), slaLabel: sla?.state === "breached" ? "sla:breached" : sla?.state === "at-risk" ? "sla:at-risk" : null, error: slaError },
    ),
    // The result is the state reached (each level and its team), not what this run happened to post,
    // so the same state decided again hashes the same and the card is not rewritten.
    traceOf(ctx, "escalation", { priority: cls.priority, state: sla?.state ?? null, doneBefore: [...done].sort() }, { escalated: levels.map(({ level: l, team }) => ({ level: l.name, kind: l.kind, team })) }),
  );
  return { part, sla };
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
  return [head, ...(sla.respond ? [targetLine(sla.respond, sla)] : []), targetLine(sla.resolve, sla)];
}

function targetLine(t: TargetResult, sla: SlaResult): string {
  const by = t.name === "respond" && sla.respondedBy ? ` by ${md(sla.respondedBy)}` : "";
  return `- ${t.name === "respond" ? "Respond" : "Resolve"} within ${t.target}: ${t.state}${by}, due ${formatDue(t.due, sla.timeZone)}`;
}

function slaSummary(sla: SlaResult | null): string {
  if (!sla) return "";
  const respond = sla.respond ? `\n- Respond: ${sla.respond.state}, due ${formatDue(sla.respond.due, sla.timeZone)}` : "";
  return `\n${respond}\n- Resolve: ${sla.resolve.state}, due ${formatDue(sla.resolve.due, sla.timeZone)}`;
}

function targetTrace(t: TargetResult | undefined): Record<string, unknown> | null {
  return t ? { target: t.target, state: t.state, due: t.due.toISOString() } : null;
}
