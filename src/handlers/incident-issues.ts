import type { Context } from "probot";
import { undoUnauthorisedAssessment } from "../flows/assessment-guard.js";
import { reopenClosedAlertRecord } from "../flows/alert-record-closed.js";
import { restoreEditedAlertRecord } from "../flows/alert-record-edited.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { checkTrend } from "../flows/trend.js";
import { loadConfig } from "../github/load-config.js";
import { isKindLabel } from "../records/kinds.js";
import type { HandlerEnv } from "./guard.js";
import type { RecordIssueEvent } from "./kinds.js";

/** An `issues` event on an incident record: undo an unauthorised assessment, evaluate, and check the service's trend when it became an incident. */
export async function onIncidentIssue(context: Context<"issues">, env: HandlerEnv, e: RecordIssueEvent): Promise<void> {
  const p = context.payload;
  const { r, issue: fromPayload, labelName } = e;
  const now = env.now();
  const config = await loadConfig(context.octokit, r.owner, r.repo);
  // An assessment label set directly by someone outside the security team is not an assessment.
  await undoUnauthorisedAssessment(context.octokit, r, fromPayload, { action: p.action, label: labelName, sender: p.sender }, config.config, context.id ?? null);
  // A security alert's record closed by a person while GitHub has the alert open is reopened, saying why.
  if (p.action === "closed") await reopenClosedAlertRecord(context.octokit, r, { number: p.issue.number, body: p.issue.body, labels: fromPayload.labels, user: p.issue.user, performed_via_github_app: p.issue.performed_via_github_app ? { id: p.issue.performed_via_github_app.id ?? undefined } : null }, p.sender, config, context.log, now, env.self);
  // A security alert's record whose body a person rewrote is written again from the alert.
  const before = p.action === "edited" ? (p.changes as { body?: { from?: string } } | undefined)?.body?.from : undefined;
  if (typeof before === "string")
    await restoreEditedAlertRecord(context.octokit, r, { number: p.issue.number, state: fromPayload.state, labels: fromPayload.labels, body: p.issue.body ?? null, before, user: p.issue.user, performed_via_github_app: p.issue.performed_via_github_app ? { id: p.issue.performed_via_github_app.id ?? undefined } : null }, p.sender, config, context.id ?? null, context.log);
  const decision = await evaluateIncident(
    context.octokit,
    r,
    p.issue.number,
    {
      delivery: context.id ?? null,
      now,
      labelEvent: (p.action === "labeled" || p.action === "unlabeled") && labelName ? { action: p.action, name: labelName, sender: p.sender.login } : undefined,
      // No issue from the payload, not even for `opened`: a redelivery, or an event handled after
      // later ones (a queue, a slow replica), would diff against labels GitHub no longer has and
      // undo what happened since. The flow reads the issue as it is now (one GET).
      config,
      // A brand-new issue that the read finds without comments cannot have a card: skip reading them.
      noComments: p.action === "opened" && isRecent(fromPayload.createdAt, now),
    },
    context.log,
  );
  // A new incident may complete a trend on its service (problem management, 20000-1 8.6.3).
  const becameIncident = p.action === "opened" || (p.action === "labeled" && labelName !== undefined && isKindLabel(labelName, "incident"));
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
