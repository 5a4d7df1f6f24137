import type { Logger } from "probot";
import { parseRiskLinks } from "../change/links.js";
import { counting } from "../github/call-counter.js";
import { pullsLinking, type BodyLinks } from "../github/linking-pulls.js";
import { boundFanout, boundFanoutAcross } from "../github/record-fanout.js";
import { pullsLinkingFromOtherRepos, type LinkingPull } from "../github/record-references.js";
import { mergeLinkingPulls, pullsLinkingByListing } from "../github/record-references-listing.js";
import { statusOf, type Octokit, type RepoRef } from "../github/types.js";
import { evaluatePullRequest } from "./change-flow.js";
import { evaluateCommit } from "./commit-flow.js";

/** Named limit: pull requests in other repositories re-evaluated for one record event beyond those whose check passes (this repository's are bounded by RECORD_FANOUT_MAX); the rest wait for their next event or `/ims recheck`. */
export const MAX_PULLS_PER_RECORD_EVENT = 20;

/** The links that make a pull request depend on a risk record: `Risk:` (`change.requireRiskRecord`). */
export const riskLinksOf: BodyLinks = (body, repo) => parseRiskLinks(body, repo);

/** What caused a re-check of the pull requests linking a record. */
export interface RecheckTrigger {
  delivery: string | null;
  now: Date;
  /**
   * The record is gone from its repository (deleted, or transferred elsewhere): its timeline cannot be
   * read there any more, so the owner's other repositories are found by listing their open pull requests.
   */
  gone?: boolean;
}

/** What one re-check did, for the log line and the tests' call counts. */
export interface RecheckResult {
  pulls: LinkingPull[];
  /** Requests sent for the re-check (reads and writes), and of them the writes (check runs). */
  calls: number;
  writes: number;
}

/**
 * Re-evaluates every open pull request that links the record `r#number` (by `linksOf`), since the
 * record's answers, labels, state and place feed their checks: those of its own repository (one call
 * per 100 open pull requests, one evaluation per head commit: a check run belongs to a commit) and
 * those of the owner's other repositories (one timeline call per 100 events of the record; past
 * MAX_TIMELINE_PAGES, or when the record is gone, by listing their open pull requests, see
 * pullsLinkingByListing). No search is used. Every pull request whose check passes is evaluated, then
 * others up to the bounds; the log names the rest.
 */
export async function recheckLinkingPulls(octokit: Octokit, r: RepoRef, number: number, linksOf: BodyLinks, trigger: RecheckTrigger, log: Logger): Promise<RecheckResult> {
  const record = `${r.owner}/${r.repo}#${number}`;
  const { value: evaluated, calls, writes } = await counting(octokit, async (): Promise<LinkingPull[]> => {
    // this repository's linking pull requests: every passing one, then others up to the bound (record-fanout)
    const same = await pullsLinking(octokit, r, { repo: `${r.owner}/${r.repo}`, number }, linksOf);
    const fanout = await boundFanout(octokit, r, same.heads);
    if (fanout.deferred.length > 0) {
      log.info({ record, rule: "change.record-fanout", evaluated: fanout.evaluate.length, deferred: fanout.deferred, calls: fanout.calls }, "record event: pull requests whose check does not pass are left for their next event");
    }
    const timeline = trigger.gone ? null : await timelineOrNull(octokit, r, number, linksOf);
    // a timeline longer than the part read may hide linking pull requests, and a record gone has none: list them instead
    const listed = !timeline || timeline.truncated ? await pullsLinkingByListing(octokit, r, number, linksOf) : null;
    const other = listed ? { pulls: mergeLinkingPulls(timeline?.pulls ?? [], listed.pulls), truncated: listed.truncated } : timeline!;
    // every passing one, then others up to the bound, as in this repository
    const across = await boundFanoutAcross(octokit, other.pulls, MAX_PULLS_PER_RECORD_EVENT);
    const left = across.deferred.map((x) => `${x.repo.owner}/${x.repo.repo}#${x.number}`);
    if (left.length > 0 || other.truncated) {
      log.warn({ record, left, timelineTruncated: other.truncated, limit: MAX_PULLS_PER_RECORD_EVENT }, "record event: more linking pull requests in other repositories than one event re-evaluates; the rest are evaluated at their next event or /ims recheck");
    }
    // one evaluation per head commit of this repository: it covers every open pull request with that head
    const heads = new Map(same.heads.map((h) => [h.number, h.headSha]));
    const byHead = new Map<string, number[]>();
    for (const n of fanout.evaluate) byHead.set(heads.get(n)!, [...(byHead.get(heads.get(n)!) ?? []), n]);
    for (const [sha, prs] of byHead) {
      await evaluateCommit(octokit, r, sha, { delivery: trigger.delivery, now: trigger.now }, log, prs);
    }
    for (const pr of across.evaluate) {
      try {
        await evaluatePullRequest(octokit, pr.repo, pr.number, { delivery: trigger.delivery, now: trigger.now }, log);
      } catch (error) {
        // one pull request the app cannot read (another repository, not installed there) must not stop the others
        log.error({ err: error, record, pr: `${pr.repo.owner}/${pr.repo.repo}#${pr.number}` }, "re-evaluating a pull request in another repository for a record event failed");
      }
    }
    return [...fanout.evaluate.map((n) => ({ repo: r, number: n })), ...across.evaluate];
  });
  log.info({ record, pulls: evaluated.length, calls, writes }, "record event: linking pull requests evaluated again");
  return { pulls: evaluated, calls, writes };
}

/** The record's timeline, or null when it cannot be read there (deleted: 410; moved where the app cannot read: 404). */
async function timelineOrNull(octokit: Octokit, r: RepoRef, number: number, linksOf: BodyLinks) {
  try {
    return await pullsLinkingFromOtherRepos(octokit, r, number, linksOf);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410) return null;
    throw error;
  }
}
