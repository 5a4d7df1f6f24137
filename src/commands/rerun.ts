import { evaluateIncident } from "../flows/incident-flow.js";
import { evaluateProblem } from "../flows/problem-flow.js";
import type { CommandContext } from "./types.js";

/** The config a command ran with, in the shape the flows take. */
export function resolvedOf(c: CommandContext) {
  return { config: c.config, errors: c.configErrors, source: c.configErrors.length > 0 ? ("fallback" as const) : ("repository" as const) };
}

/**
 * Runs a record's flow again after a command changed it: the app ignores webhooks its own bot
 * caused, so the command must do it itself.
 */
export async function rerunRecord(c: CommandContext, number: number, kind: "incident" | "problem"): Promise<void> {
  const r = { owner: c.owner, repo: c.repo };
  const trigger = { delivery: c.context.id ?? null, now: c.env.now(), config: resolvedOf(c) };
  if (kind === "incident") await evaluateIncident(c.context.octokit, r, number, trigger, c.context.log);
  else await evaluateProblem(c.context.octokit, r, number, trigger, c.context.log);
}
