import type { ImsConfig } from "../../config/schema.js";
import type { OnceComment } from "../../core/plan.js";
import type { Trace } from "../../core/trace.js";
import { hasLabel } from "../../core/labels.js";
import { teamMention } from "../../sla/teams.js";
import type { CardSection } from "../card.js";
import type { Classification } from "../classify.js";

/** What one concern of the live decision adds: labels, one-off comments, teams to assign, card sections, traces. */
export interface LivePart {
  add: string[];
  remove: string[];
  comments: OnceComment[];
  assignTeams: string[];
  sections: CardSection[];
  traces: Trace[];
}

/** What every live decider reads: the classified incident, the app's own comments, the labels it will carry, the config and the time. */
export interface LiveContext {
  cls: Classification;
  open: boolean;
  /** Bodies of the app's own comments, joined: escalation, notice and link markers. */
  ownText: string;
  /** The labels the record will carry once the classification's label diff is applied. */
  planned: readonly string[];
  /** The alert's severity in the app's own alert record (IssueFacts.alertSeverity; null: not one): it sets the remediation target. */
  alertSeverity: string | null;
  config: ImsConfig;
  now: Date;
  delivery: string | null;
  org: string | null;
}

export function emptyPart(): LivePart {
  return { add: [], remove: [], comments: [], assignTeams: [], sections: [], traces: [] };
}

/** The parts together, in order (the card's sections and the comments keep the order of the deciders). */
export function mergeParts(parts: LivePart[]): LivePart {
  const out = emptyPart();
  for (const p of parts) {
    out.add.push(...p.add);
    out.remove.push(...p.remove);
    out.comments.push(...p.comments);
    out.assignTeams.push(...p.assignTeams);
    out.sections.push(...p.sections);
    out.traces.push(...p.traces);
  }
  return out;
}

export function traceOf(ctx: LiveContext, rule: string, inputs: Record<string, unknown>, result: Record<string, unknown>): Trace {
  return { v: 1, rule, inputs, result, time: ctx.now.toISOString(), delivery: ctx.delivery };
}

/** A mention that notifies the team (the one-off comment is the one notification). */
export const mentionOf = (ctx: LiveContext, team: string) => teamMention(team, ctx.org);

/** The team named on the card without notifying it. */
export const namedOf = (ctx: LiveContext, team: string) => "`" + teamMention(team, ctx.org) + "`";

/** Whether the labels hold this one, compared as GitHub compares label names. */
