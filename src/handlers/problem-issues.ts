import type { Context } from "probot";
import { evaluateProblem } from "../flows/problem-flow.js";
import type { HandlerEnv } from "./guard.js";
import type { RecordIssueEvent } from "./kinds.js";

/** An `issues` event on a problem record: evaluates it (the payload is fresh when the issue was just opened). */
export async function onProblemIssue(context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent): Promise<void> {
  const p = context.payload;
  const stateReason = (p.issue as { state_reason?: string | null }).state_reason ?? null;
  await evaluateProblem(context.octokit, e.r, p.issue.number, { delivery: context.id ?? null, now: env.now(), issue: p.action === "opened" ? { facts: e.issue, stateReason } : undefined }, context.log);
}
