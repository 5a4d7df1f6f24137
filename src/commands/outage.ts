import { encodeTrace } from "../core/trace.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { outageMarkTrace, type OutageMark } from "../services/outage.js";
import { formatInstant, parseInstant } from "../services/time.js";
import { resolvedOf } from "./rerun.js";
import { COMMAND_SPECS } from "./specs.js";
import type { Command, CommandContext } from "./types.js";

const USAGE = "Write `/ims outage start` or `/ims outage end`, with an optional time (`09:30` today, or `2026-03-01 09:30 UTC`). Nothing was changed.";

/** The time a `/ims outage` names: none is the comment's own time; `HH:MM` is that UTC day; never after the comment. */
export function outageTime(args: readonly string[], commentAt: Date): Date | string {
  const text = args.join(" ").trim();
  if (!text) return commentAt;
  const hm = /^(\d{2}):(\d{2})$/.exec(text);
  const at = hm ? parseInstant(`${commentAt.toISOString().slice(0, 10)} ${hm[1]}:${hm[2]} UTC`) : parseInstant(text);
  if (!at) return `\`${text.replace(/`/g, "'").slice(0, 60)}\` is not a time. ${USAGE}`;
  if (at.getTime() > commentAt.getTime()) return `${formatInstant(at)} is after this comment: an outage is recorded when it has happened. Nothing was changed.`;
  return at;
}

/** `/ims outage start|end [time]`: one edge of an outage window, kept as a trace in the app's reply (the record's history). */
export const outageCommand: Command = {
  ...COMMAND_SPECS.outage,
  run: async (c: CommandContext) => {
    const edge = c.command.args[0]?.toLowerCase();
    if (edge !== "start" && edge !== "end") return USAGE;
    const commentAt = new Date(c.context.payload.comment.created_at);
    const at = outageTime(c.command.args.slice(1), commentAt);
    if (typeof at === "string") return at;
    const mark: OutageMark = { edge, at: at.toISOString(), by: c.actor };
    const trace = encodeTrace(outageMarkTrace(mark, c.env.now(), c.context.id ?? null));
    const reply = `Outage ${edge === "start" ? "start" : "end"} recorded: **${formatInstant(at)}** (by @${c.actor}). The record card shows the outage window; the service report counts it against the service's availability target.\n${trace}`;
    const r = { owner: c.owner, repo: c.repo };
    await evaluateIncident(c.context.octokit, r, c.issue.number, { delivery: c.context.id ?? null, now: c.env.now(), config: resolvedOf(c), pendingOwnText: reply }, c.context.log);
    return reply;
  },
};
