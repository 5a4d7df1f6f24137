import type { Context } from "probot";
import { evaluatePullRequest } from "../flows/change-flow.js";
import { evaluateCommit } from "../flows/commit-flow.js";
import { parseRiskLinks } from "../change/links.js";
import { changeLinksOf, pullsLinking, type BodyLinks } from "../github/linking-pulls.js";
import { boundFanout, boundFanoutAcross } from "../github/record-fanout.js";
import { pullsLinkingFromOtherRepos, type LinkingPull } from "../github/record-references.js";
import { mergeLinkingPulls, pullsLinkingByListing } from "../github/record-references-listing.js";
import { isKind, isKindLabel } from "../records/kinds.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";
import { isChangeRelevantLabel, repoOf } from "./pull-requests.js";
import { labelNames } from "../core/labels.js";

const ACTIONS: ReadonlySet<string> = new Set(["edited", "labeled", "unlabeled", "closed", "reopened"]);

/** Named limit: pull requests in other repositories re-evaluated for one change-record event beyond those whose check passes (this repository's are bounded by RECORD_FANOUT_MAX); the rest wait for their next event or `/ims recheck`. */
export const MAX_PULLS_PER_RECORD_EVENT = 20;

/** A risk record's labels that the risk-record requirement reads (src/change/risk-record.ts), and its kind label. */
function isRiskRelevantLabel(name: string): boolean {
  return isKindLabel(name, "risk") || /^(risk-level:|risk:)/i.test(name);
}

/** The links that reach a record of each kind that feeds a change's check: `Change:` (and closing keywords), `Risk:`. */
const riskLinksOf: BodyLinks = (body, repo) => parseRiskLinks(body, repo);

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
 * losing it): re-evaluates every open pull request that links it, since its answers, labels and state
 * feed their checks (a risk's level, acceptance and state feed `change.requireRiskRecord`; this runs
 * after onIssues has evaluated the risk, so its labels are the app's again): those of its own
 * repository (one call per 100 open pull requests) and those of the owner's other repositories (one
 * timeline call per 100 events of the record; past MAX_TIMELINE_PAGES, by listing their open pull
 * requests, see pullsLinkingByListing). Closing and reopening count too: a closed record no
 * longer supports a change. At most MAX_PULLS_PER_RECORD_EVENT are evaluated; the log names the rest.
 */
export async function onChangeRecord(context: Context<"issues">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!ACTIONS.has(p.action) || (p.issue as { pull_request?: unknown }).pull_request || isCreationEcho(p)) return;
  const linksOf = linksFor(p);
  if (!linksOf) return;
  if (p.action === "edited" && !("changes" in p && p.changes && "body" in p.changes)) return;
  const r = repoOf(p);
  const now = env.now();
  const record = `${r.owner}/${r.repo}#${p.issue.number}`;
  // this repository's linking pull requests: every passing one, then others up to the bound (record-fanout)
  const same = await pullsLinking(context.octokit, r, { repo: `${r.owner}/${r.repo}`, number: p.issue.number }, linksOf);
  const fanout = await boundFanout(context.octokit, r, same.heads);
  if (fanout.deferred.length > 0) {
    context.log.info({ record, rule: "change.record-fanout", evaluated: fanout.evaluate.length, deferred: fanout.deferred, calls: fanout.calls }, "change record event: pull requests whose check does not pass are left for their next event");
  }
  const timeline = await pullsLinkingFromOtherRepos(context.octokit, r, p.issue.number, linksOf);
  // a timeline longer than the part read may hide linking pull requests: list them instead
  const listed = timeline.truncated ? await pullsLinkingByListing(context.octokit, r, p.issue.number, linksOf) : null;
  const other = listed ? { pulls: mergeLinkingPulls(timeline.pulls, listed.pulls), calls: timeline.calls + listed.calls, truncated: listed.truncated } : timeline;
  // every passing one, then others up to the bound, as in this repository
  const across = await boundFanoutAcross(context.octokit, other.pulls, MAX_PULLS_PER_RECORD_EVENT);
  const left = across.deferred.map((x) => `${x.repo.owner}/${x.repo.repo}#${x.number}`);
  if (left.length > 0 || other.truncated) {
    context.log.warn({ record, left, timelineTruncated: other.truncated, limit: MAX_PULLS_PER_RECORD_EVENT }, "change record event: more linking pull requests in other repositories than one event re-evaluates; the rest are evaluated at their next event or /ims recheck");
  }
  // one evaluation per head commit of this repository: it covers every open pull request with that head
  const heads = new Map(same.heads.map((h) => [h.number, h.headSha]));
  const byHead = new Map<string, number[]>();
  for (const n of fanout.evaluate) byHead.set(heads.get(n)!, [...(byHead.get(heads.get(n)!) ?? []), n]);
  for (const [sha, prs] of byHead) {
    await evaluateCommit(context.octokit, r, sha, { delivery: context.id ?? null, now }, context.log, prs);
  }
  const all: LinkingPull[] = [...fanout.evaluate.map((number) => ({ repo: r, number })), ...across.evaluate];
  for (const pr of across.evaluate) {
    try {
      await evaluatePullRequest(context.octokit, pr.repo, pr.number, { delivery: context.id ?? null, now }, context.log);
    } catch (error) {
      // one pull request the app cannot read (another repository, not installed there) must not stop the others
      context.log.error({ err: error, record, pr: `${pr.repo.owner}/${pr.repo.repo}#${pr.number}` }, "re-evaluating a pull request in another repository for a change-record event failed");
    }
  }
  context.log.info({ record, pulls: all.length, calls: same.calls + fanout.calls + other.calls + across.calls }, "change record event: linking pull requests evaluated again");
}
