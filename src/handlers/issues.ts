import type { Context } from "probot";
import { listComments, ownCards, upsertCard } from "../github/comments.js";
import { issueFacts, readIssue } from "../github/issue-facts.js";
import { isKindLabel, kindOf } from "../records/kinds.js";
import { retiredIncidentCard } from "../records/retired.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";
import { RECORD_ISSUE_HANDLERS } from "./kinds.js";

/** Label families whose change can alter a record (trigger filtering); case-insensitive, as GitHub's label names are. */
const RELEVANT = /^(ims:|priority:|impact:|urgency:|cia:|security:|alert-severity:|needs-triage$|status:waiting$|major-incident$|sla:|escalation:|risk-level:|treatment:|risk:)/i;

/** Handles `issues` events for records: opened, edited, labeled, unlabeled, reopened, closed, assigned; each kind's handler in handlers/kinds.ts. */
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
  const kind = kindOf(fromPayload.labels);
  const handler = kind ? RECORD_ISSUE_HANDLERS[kind] : null;
  if (handler) return handler(context, env, { r, issue: fromPayload, labelName });
  // Someone took the record out of the process: its card says so instead of showing a stale SLA.
  if (p.action === "unlabeled" && labelName !== undefined && isKindLabel(labelName, "incident")) {
    // a security alert's record keeps it (the label guard put it back before): evaluated as it is now (one read)
    if (fromPayload.alertRecord) {
      const now = await readIssue(context.octokit, r, p.issue.number);
      if (kindOf(now.labels) === "incident") return RECORD_ISSUE_HANDLERS.incident!(context, env, { r, issue: now, labelName });
    }
    const comments = await listComments(context.octokit, r, p.issue.number);
    if (ownCards(comments).length > 0) {
      await upsertCard(context.octokit, r, p.issue.number, retiredIncidentCard(p.sender.login, env.now(), context.id ?? null), comments);
    }
  }
}
