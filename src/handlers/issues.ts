import type { Context } from "probot";
import { evaluateIncident } from "../flows/incident-flow.js";
import { evaluateProblem } from "../flows/problem-flow.js";
import { checkTrend } from "../flows/trend.js";
import { listComments, ownCards, upsertCard } from "../github/comments.js";
import { issueFacts } from "../github/issue-facts.js";
import { retiredIncidentCard } from "../records/retired.js";
import { loadConfig } from "../github/load-config.js";
import { undoUnauthorisedAssessment } from "../flows/assessment-guard.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";

/** Label families whose change can alter an incident's classification (trigger filtering). */
const RELEVANT = /^(ims:|priority:|impact:|urgency:|cia:|security:|needs-triage$|status:waiting$|major-incident$|sla:|escalation:)/;

/** Handles `issues` events for incident and problem records: opened, edited, labeled, unlabeled, reopened, closed, assigned. */
export async function onIssues(context: Context<"issues">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  // `assigned`: an assignment can be the first response that stops the SLA response clock.
  if (!["opened", "edited", "labeled", "unlabeled", "reopened", "closed", "assigned"].includes(p.action)) return;
  const labelName = "label" in p && p.label ? p.label.name : undefined;
  if ((p.action === "labeled" || p.action === "unlabeled") && labelName && !RELEVANT.test(labelName)) return;
  if (p.action === "edited" && !("changes" in p && p.changes && "body" in p.changes)) return;

  if (isCreationEcho(p)) return;

  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const fromPayload = issueFacts(p.issue as Parameters<typeof issueFacts>[0]);
  if (fromPayload.labels.includes("ims:problem") && !fromPayload.labels.includes("ims:incident")) {
    const stateReason = (p.issue as { state_reason?: string | null }).state_reason ?? null;
    await evaluateProblem(context.octokit, r, p.issue.number, { delivery: context.id ?? null, now: env.now(), issue: p.action === "opened" ? { facts: fromPayload, stateReason } : undefined }, context.log);
    return;
  }
  if (!fromPayload.labels.includes("ims:incident")) {
    // Someone took the record out of the process: its card says so instead of showing a stale SLA.
    if (p.action === "unlabeled" && labelName === "ims:incident") {
      const comments = await listComments(context.octokit, r, p.issue.number);
      if (ownCards(comments).length > 0) {
        await upsertCard(context.octokit, r, p.issue.number, retiredIncidentCard(p.sender.login, env.now(), context.id ?? null), comments);
      }
    }
    return;
  }
  const now = env.now();
  // The first event of an issue is fresh; later ones may have queued behind others, so the flow reads it again.
  const fresh = p.action === "opened";
  const config = await loadConfig(context.octokit, r.owner, r.repo);
  // An assessment label set directly by someone outside the security team is not an assessment.
  const undone = await undoUnauthorisedAssessment(context.octokit, r, fromPayload, { action: p.action, label: labelName, sender: p.sender }, config.config, context.id ?? null);
  const decision = await evaluateIncident(
    context.octokit,
    r,
    p.issue.number,
    {
      delivery: context.id ?? null,
      now,
      labelEvent: (p.action === "labeled" || p.action === "unlabeled") && labelName ? { action: p.action, name: labelName, sender: p.sender.login } : undefined,
      issue: undone ?? (fresh ? fromPayload : undefined),
      config,
      // A brand-new issue with no comments yet cannot have a card: skip reading its comments.
      noComments: fresh && (p.issue as { comments?: number }).comments === 0 && isRecent(fromPayload.createdAt, now),
    },
    context.log,
  );
  // A new incident may complete a trend on its service (problem management, 20000-1 8.6.3).
  const becameIncident = p.action === "opened" || (p.action === "labeled" && labelName === "ims:incident");
  if (decision && becameIncident) {
    const trend = await checkTrend(context.octokit, r, decision.classification.service, config.config, now, context.id ?? null, context.log);
    // A problem opened by this trend links the incidents: refresh their cards so each shows its problem now.
    if (trend.open && trend.coveredBy !== null) {
      for (const n of trend.incidents) {
        await evaluateIncident(context.octokit, r, n, { delivery: context.id ?? null, now, config }, context.log);
      }
    }
  }
}

/** Within a minute: a redelivery of `opened` later than that reads the comments first. */
function isRecent(createdAt: string, now: Date): boolean {
  const age = now.getTime() - Date.parse(createdAt);
  return age >= -60_000 && age < 60_000;
}
