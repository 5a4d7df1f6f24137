import type { Context } from "probot";
import { evaluateRisk } from "../flows/risk-flow.js";
import type { HandlerEnv } from "./guard.js";
import type { RecordIssueEvent } from "./kinds.js";

/** An `issues` event on a risk record: evaluated on the issue as GitHub holds it now (a payload may be stale). */
export async function onRiskIssue(context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent): Promise<void> {
  await evaluateRisk(context.octokit, e.r, context.payload.issue.number, { delivery: context.id ?? null, now: env.now() }, context.log);
}
