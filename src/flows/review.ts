import { isOwnComment } from "../github/bot-identity.js";
import type { Logger } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { md } from "../core/explain.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { createIssueOnce } from "../github/create-once.js";
import { listIssuesLabelled } from "../github/issue-lists.js";
import { ensureLabels } from "../github/labels.js";
import { writeLinks } from "../github/links.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { linkMarker } from "../problems/links.js";
import { problemBody, reviewOfMarker } from "../problems/record.js";
import type { IncidentDecision } from "../records/incident.js";
import { evaluateProblem } from "./problem-flow.js";
import { kindLabel } from "../records/kinds.js";

const REVIEW_LABELS = [kindLabel("problem"), "ims:post-incident-review"];

/**
 * Makes sure a closed major or security incident has exactly one post-incident review (a problem
 * record linked both ways), and says so on the incident. Finds an existing one by its body marker
 * first; after creating, lists again and keeps the lowest number if another instance raced.
 * Returns the incident-side link marker.
 */
export async function ensureReview(
  octokit: Octokit, r: RepoRef, incident: IssueFacts, decision: IncidentDecision, resolved: ResolvedConfig,
  trigger: { delivery: string | null; now: Date }, log: Logger,
): Promise<string> {
  const marker = reviewOfMarker(incident.number);
  const existing = await findReviews(octokit, r, marker);
  let created: number | null = null;
  let review = existing[0];
  if (review === undefined) {
    await ensureLabels(octokit, r, REVIEW_LABELS);
    const why = decision.live?.major ? "major incident" : "information security incident";
    const made = await createIssueOnce(
      octokit,
      r,
      {
        title: `Post-incident review: ${incident.title}`.slice(0, 256),
        labels: REVIEW_LABELS,
        body: problemBody(
          {
            marker,
            service: decision.classification.service,
            incidents: [incident.number],
            description: `Post-incident review of the ${why} #${incident.number}, opened by ims-bot when it was closed (27001 A.16.1.6 / 5.27, 20000-1 8.6.3): what happened, why, what will prevent it.`,
          },
          { service: resolved.config.classification.fields.service, ...resolved.config.problems.fields },
        ),
      },
      { listAgain: () => findReviews(octokit, r, marker), duplicateNote: (kept) => `Duplicate of #${kept}: another ims-bot instance opened the review at the same time.` },
    );
    created = made.created;
    review = made.kept;
  }
  await writeLinks(
    octokit,
    r,
    [
      { on: review, rel: "incident", to: incident.number, text: `🔗 Post-incident review of incident #${incident.number}.` },
      { on: incident.number, rel: "review", to: review, text: `🔗 This incident was closed without a post-incident review, so ims-bot opened #${review} (linked both ways): ${md(incident.title)}.` },
    ],
    "close",
    created === review ? [review] : [],
  );
  if (created === review) await evaluateProblem(octokit, r, review, { delivery: trigger.delivery, now: trigger.now, config: resolved }, log);
  log.info({ repo: `${r.owner}/${r.repo}`, issue: incident.number, rule: "review.require", review, created: created === review }, "post-incident review linked");
  return linkMarker("review", review, "close");
}

async function findReviews(octokit: Octokit, r: RepoRef, marker: string): Promise<number[]> {
  const all = await listIssuesLabelled(octokit, r, { labels: "ims:post-incident-review", state: "all" });
  return all
    // Only the app's own issues count: another bot (a workflow's token) could otherwise fake a review.
    .filter((i) => isOwnComment(i) && (i.body ?? "").includes(marker) && !(i.state === "closed" && i.state_reason === "not_planned"))
    .map((i) => i.number)
    .sort((a, b) => a - b);
}
