import type { Priority } from "../config/schema.js";
import { md, type Explanation, type Status } from "../core/explain.js";
import { slaCardLines } from "./card.js";
import type { SlaResult, SlaState, TargetResult } from "./clock.js";
import { sameLabel } from "../core/labels.js";
import { SLA_LABELS } from "./labels.js";
import { escalationMarker } from "./markers.js";
import { resolveTeam, teamMention, type EscalationConfig } from "./teams.js";

/** What the caller read from GitHub about one record. */
export interface EscalationInput {
  /** computeSla's result at `now` (null: no clock). */
  sla: SlaResult | null;
  priority: Priority | null;
  /** Affected service from the record, for the resolver team. */
  service: string | null;
  /** Labels on the issue now. */
  labels: readonly string[];
  /** Names of levels already escalated (parseEscalationMarkers over the bot's own comments). */
  done: readonly string[];
  /** Organisation that owns the teams, to write `@org/team` mentions. */
  org?: string | null;
}

/** One escalation to perform now: mention the team (and assign if asked), writing `marker` in the same comment. */
export interface EscalationAction {
  level: string;
  kind: "functional" | "hierarchical";
  when: "at-risk" | "breached";
  team: string;
  assign: boolean;
  marker: string;
  /** The card / comment line, with the team mention. */
  line: string;
}

/** What should be true for the record; the caller diffs nothing further and applies it. */
export interface EscalationPlan {
  addLabels: string[];
  removeLabels: string[];
  escalate: EscalationAction[];
  explanation: Explanation;
  /** Record-card section: SLA targets, then escalations done and performed now. */
  card: string[];
}

const STATUS: Record<SlaState, Status> = { ok: "pass", "at-risk": "pending", breached: "fail" };

/**
 * Decides the `sla:*` labels and the escalations due for a record. Each level fires at most once per
 * record (names in `input.done` never fire again), only for its priorities, once the state reaches its
 * `when`, and never on a closed record. Pure: the same input always gives the same plan.
 */
export function decideEscalation(input: EscalationInput, config: EscalationConfig, now: Date): EscalationPlan {
  const { sla } = input;
  const state: SlaState = sla?.state ?? "ok";
  const want = state === "breached" ? SLA_LABELS.breached : state === "at-risk" ? SLA_LABELS.atRisk : null;
  const has = (l: string) => input.labels.some((x) => sameLabel(x, l));
  const addLabels = want && !has(want) ? [want] : [];
  const removeLabels = [SLA_LABELS.atRisk, SLA_LABELS.breached].filter((l) => l !== want && has(l));
  const done = new Set(input.done);
  const org = input.org ?? null;
  const escalate: EscalationAction[] = [];
  const levelNodes: Explanation[] = [];
  const card = slaCardLines(sla);
  for (const level of config.levels) {
    const team = resolveTeam(level.team, input.service, config.resolvers);
    const line = `Escalated (${level.kind}, ${md(level.name)}) to ${teamMention(team, org)}: SLA ${level.when === "breached" ? "breached" : "at risk"}`;
    const label = `escalation \`${md(level.name)}\` (${level.kind}) to team \`${team}\``;
    let node: Explanation;
    if (done.has(level.name)) {
      node = { status: "pass", label, detail: "done earlier; never repeated" };
      card.push(`- ${line.replace(/^Escalated/, "Escalated earlier")}`);
    } else if (!input.priority || !level.priorities.includes(input.priority)) {
      node = { status: "skip", label, detail: `applies to ${level.priorities.join(", ")}; record is ${input.priority ?? "not prioritised"}` };
    } else if (!sla || sla.closed) {
      node = { status: "skip", label, detail: sla ? "record closed" : "no SLA clock" };
    } else if (!reached(state, level.when)) {
      node = { status: "skip", label, detail: `waits for ${level.when}; SLA is ${state}` };
    } else {
      done.add(level.name);
      escalate.push({ level: level.name, kind: level.kind, when: level.when, team, assign: level.assign, marker: escalationMarker(level.name), line });
      node = { status: "pass", label, detail: `escalating now: SLA ${state}${level.assign ? ", assigning the team" : ""}` };
      card.push(`- ${line}`);
    }
    levelNodes.push(node);
  }
  const explanation: Explanation = {
    status: sla ? STATUS[state] : "info",
    label: "SLA and escalation",
    detail: sla ? `${sla.priority}, ${state} at ${now.toISOString()}` : `no SLA clock at ${now.toISOString()}`,
    children: [...(sla ? [...(sla.respond ? [targetNode(sla.respond)] : []), targetNode(sla.resolve)] : []), ...levelNodes],
  };
  return { addLabels, removeLabels, escalate, explanation, card };
}

/** `at-risk` levels also fire when a record jumps straight to breached between two sweeps. */
function reached(state: SlaState, when: "at-risk" | "breached"): boolean {
  return when === "breached" ? state === "breached" : state !== "ok";
}

function targetNode(t: TargetResult): Explanation {
  const status: Status =
    t.state === "met" ? "pass" : t.state === "breached" ? "fail" : t.state === "stopped" || t.state === "paused" ? "info" : "pending";
  return {
    status,
    label: `${t.name} within ${t.target}`,
    detail: `${t.state}, ${Math.round(t.elapsedMinutes)} of ${t.targetMinutes} working minutes (${Math.round(t.share * 100)}%), due ${t.due.toISOString()}`,
  };
}
