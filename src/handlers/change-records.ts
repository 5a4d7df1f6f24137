import type { Context } from "probot";
import { CHANGE_LABEL, hasLabel } from "../change/config.js";
import { evaluateCommit } from "../flows/commit-flow.js";
import { pullsLinking } from "../github/linking-pulls.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";
import { CHANGE_RELEVANT_LABEL, repoOf } from "./pull-requests.js";

const ACTIONS = new Set(["edited", "labeled", "unlabeled", "closed", "reopened"]);

/**
 * `issues` on a change record (`ims:change`, or losing that label): re-evaluates every open pull
 * request of the repository that links it, since its answers, labels and state feed their checks.
 * Closing and reopening count too: a closed record no longer supports a change.
 */
export async function onChangeRecord(context: Context<"issues">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!ACTIONS.has(p.action) || (p.issue as { pull_request?: unknown }).pull_request || isCreationEcho(p)) return;
  const label = "label" in p && p.label ? p.label.name : undefined;
  const labels = (p.issue.labels ?? []).map((l) => (typeof l === "string" ? l : (l?.name ?? "")));
  const lostChangeLabel = p.action === "unlabeled" && label !== undefined && label.toLowerCase() === CHANGE_LABEL;
  if (!hasLabel(labels, CHANGE_LABEL) && !lostChangeLabel) return;
  if ((p.action === "labeled" || p.action === "unlabeled") && (!label || !CHANGE_RELEVANT_LABEL.test(label))) return;
  if (p.action === "edited" && !("changes" in p && p.changes && "body" in p.changes)) return;
  const r = repoOf(p);
  const { numbers, heads } = await pullsLinking(context.octokit, r, { repo: `${r.owner}/${r.repo}`, number: p.issue.number });
  // one evaluation per head commit: it covers every open pull request with that head
  const byHead = new Map<string, number[]>();
  for (const n of numbers) byHead.set(heads.get(n)!, [...(byHead.get(heads.get(n)!) ?? []), n]);
  for (const [sha, prs] of byHead) {
    await evaluateCommit(context.octokit, r, sha, { delivery: context.id ?? null, now: env.now() }, context.log, prs);
  }
}
