import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { md } from "../core/explain.js";
import { kindLabel } from "../records/kinds.js";
import type { SlaResult, TargetResult, TargetState } from "./clock.js";

const STATE_WORDS: Record<TargetState, string> = {
  met: "met",
  running: "running",
  "at-risk": "at risk",
  breached: "breached",
  paused: "paused (waiting)",
  stopped: "stopped (closed before a response)",
};

/** A time as the record card shows it, in the target calendar's zone: `2026-03-30 10:00 (Europe/Berlin)`. */
export function formatDue(at: Date, timeZone: string): string {
  return `${format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd HH:mm")} (${timeZone})`;
}

/** Record-card lines for the SLA targets: priority, calendar, then one line per target with its due time. */
export function slaCardLines(sla: SlaResult | null): string[] {
  if (!sla) return [`**SLA**: no clock yet (the record needs the \`${kindLabel("incident")}\` label and a priority)`];
  const head = `**SLA** ${sla.priority} on the \`${sla.calendar}\` calendar, started ${formatDue(sla.start, sla.timeZone)}: ${sla.state}`;
  return [head, ...(sla.respond ? [targetLine(sla.respond, sla)] : []), targetLine(sla.resolve, sla)];
}

function targetLine(t: TargetResult, sla: SlaResult): string {
  const used = `${Math.round(t.share * 100)}% used (${Math.round(t.elapsedMinutes)} of ${t.targetMinutes} working minutes)`;
  const extra = t.name === "respond" && sla.respondedBy ? `, responded by ${md(sla.respondedBy)}` : "";
  return `- ${t.name === "respond" ? "Respond" : "Resolve"} within ${t.target}: ${STATE_WORDS[t.state]}, due ${formatDue(t.due, sla.timeZone)}, ${used}${extra}`;
}
