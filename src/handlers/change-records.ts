import type { Context } from "probot";
import { recheckLinkingPulls, riskLinksOf } from "../flows/linking-recheck.js";
import { changeLinksOf, type BodyLinks } from "../github/linking-pulls.js";
import { isKind, isKindLabel } from "../records/kinds.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";
import { isChangeRelevantLabel, repoOf } from "./pull-requests.js";
import { labelNames } from "../core/labels.js";

export { MAX_PULLS_PER_RECORD_EVENT } from "../flows/linking-recheck.js";

/**
 * The `issues` actions that can change a linking pull request's check. `transferred` and `deleted`:
 * the record is no longer where the link points (GitHub sends `transferred` to the old repository,
 * `opened` to the new one), so a check that relied on it must fail at once.
 */
const ACTIONS: ReadonlySet<string> = new Set(["edited", "labeled", "unlabeled", "closed", "reopened", "transferred", "deleted"]);

/** A risk record's labels that the risk-record requirement reads (src/change/risk-record.ts), and its kind label. */
function isRiskRelevantLabel(name: string): boolean {
  return isKindLabel(name, "risk") || /^(risk-level:|risk:)/i.test(name);
}

/**
 * Which links of a pull request body make it depend on this issue, or null when the event changes no
 * check: a change record (`ims:change`, or losing that label) feeds the checks linking it with
 * `Change:`, a risk record (`ims:risk`, or losing it) those linking it with `Risk:`
 * (`change.requireRiskRecord`). An issue carrying both labels feeds both.
 */
function linksFor(p: Context<"issues">["payload"]): BodyLinks | null {
  const label = "label" in p && p.label ? p.label.name : undefined;
  const labels = labelNames(p.issue.labels);
  const labelled = p.action === "labeled" || p.action === "unlabeled";
  const lost = (kind: "change" | "risk") => p.action === "unlabeled" && label !== undefined && isKindLabel(label, kind);
  const change = (isKind(labels, "change") || lost("change")) && (!labelled || (!!label && isChangeRelevantLabel(label)));
  const risk = (isKind(labels, "risk") || lost("risk")) && (!labelled || (!!label && isRiskRelevantLabel(label)));
  if (change && risk) return (body, repo) => [...changeLinksOf(body, repo), ...riskLinksOf(body, repo)];
  return change ? changeLinksOf : risk ? riskLinksOf : null;
}

/**
 * `issues` on a change record (`ims:change`, or losing that label) or a risk record (`ims:risk`, or
 * losing it): re-evaluates every open pull request that links it, since its answers, labels, state and
 * place feed their checks (a risk's level, acceptance and state feed `change.requireRiskRecord`; this
 * runs after onIssues has evaluated the risk, so its labels are the app's again). Closing and
 * reopening count too: a closed record no longer supports a change; so do transferring and deleting
 * it: a link to where it was supports nothing (src/github/change-records.ts). The re-check and its
 * bounds: flows/linking-recheck.ts.
 */
export async function onChangeRecord(context: Context<"issues">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!ACTIONS.has(p.action) || (p.issue as { pull_request?: unknown }).pull_request || isCreationEcho(p)) return;
  const linksOf = linksFor(p);
  if (!linksOf) return;
  if (p.action === "edited" && !("changes" in p && p.changes && "body" in p.changes)) return;
  const gone = p.action === "transferred" || p.action === "deleted";
  await recheckLinkingPulls(context.octokit, repoOf(p), p.issue.number, linksOf, { delivery: context.id ?? null, now: env.now(), gone }, context.log);
}
