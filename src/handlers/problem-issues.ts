import type { Context } from "probot";
import { evaluateProblem } from "../flows/problem-flow.js";
import type { HandlerEnv } from "./guard.js";
import type { RecordIssueEvent } from "./kinds.js";

/**
 * An `issues` event on a problem record: evaluates it on the issue as GitHub holds it now. Not even an
 * `opened` payload is trusted: redelivered, or handled after later events, it would undo them.
 */
export async function onProblemIssue(context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent): Promise<void> {
  const p = context.payload;
  await evaluateProblem(context.octokit, e.r, p.issue.number, { delivery: context.id ?? null, now: env.now() }, context.log);
}
