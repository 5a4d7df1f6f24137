import type { Context } from "probot";
import { formatConfigError } from "../config/errors.js";
import { applyIssuePlan } from "../github/apply-plan.js";
import { issueFacts, readIssue } from "../github/issue-facts.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import { decideIncident } from "../records/incident.js";
import type { HandlerEnv } from "./guard.js";

/** Label families whose change can alter an incident's classification (trigger filtering). */
const RELEVANT = /^(ims:|priority:|impact:|urgency:|cia:|security:|needs-triage$|status:waiting$|major-incident$|sla:)/;

/** Handles `issues` events for incident records: opened, edited, labeled, unlabeled, reopened. */
export async function onIssues(context: Context<"issues">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!["opened", "edited", "labeled", "unlabeled", "reopened", "closed"].includes(p.action)) return;
  const labelName = "label" in p && p.label ? p.label.name : undefined;
  if ((p.action === "labeled" || p.action === "unlabeled") && labelName && !RELEVANT.test(labelName)) return;
  if (p.action === "edited" && !("changes" in p && p.changes && "body" in p.changes)) return;

  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const fromPayload = issueFacts(p.issue as Parameters<typeof issueFacts>[0]);
  if (!fromPayload.labels.includes("ims:incident") && !(p.action === "unlabeled" && labelName === "ims:incident")) return;

  // The first event of an issue is fresh; later ones may have queued behind others: read it again.
  const fresh = p.action === "opened";
  const issue: IssueFacts = fresh ? fromPayload : await readIssue(context.octokit, r, p.issue.number);
  if (!issue.labels.includes("ims:incident")) return;
  if (issue.state === "closed" && p.action !== "closed") return;

  const resolved = await loadConfig(context.octokit, r.owner, r.repo);
  const decision = decideIncident(
    {
      ...issue,
      ...r,
      labelEvent:
        (p.action === "labeled" || p.action === "unlabeled") && labelName
          ? { action: p.action, name: labelName, sender: p.sender.login }
          : undefined,
      delivery: context.id ?? null,
      configErrors: resolved.errors.map(formatConfigError),
    },
    resolved.config,
    env.now(),
  );
  // A brand-new issue with no comments yet cannot have a card: skip reading its comments.
  const noComments = fresh && (p.issue as { comments?: number }).comments === 0 && isRecent(issue.createdAt, env.now());
  const result = await applyIssuePlan(context.octokit, decision.plan, noComments ? "none" : undefined);
  context.log.info(
    { repo: `${r.owner}/${r.repo}`, issue: issue.number, rule: "incident.classify", priority: decision.classification.priority, calls: result.calls },
    "incident classified",
  );
}

/** Within a minute: a redelivery of `opened` later than that reads the comments first. */
function isRecent(createdAt: string, now: Date): boolean {
  const age = now.getTime() - Date.parse(createdAt);
  return age >= -60_000 && age < 60_000;
}
