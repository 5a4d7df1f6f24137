import type { Logger } from "probot";
import type { ImsConfig } from "../config/schema.js";
import { md } from "../core/explain.js";
import { isOwnComment } from "../github/bot-identity.js";
import { createIssueOnce } from "../github/create-once.js";
import { listIssuesLabelled } from "../github/issue-lists.js";
import { ensureLabels } from "../github/labels.js";
import { writeLinks } from "../github/links.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { linkMarker } from "../problems/links.js";
import { normaliseService, problemBody, serviceFromProblemBody, trendMarker } from "../problems/record.js";
import { detectTrend, windowStart, type TrendDecision } from "../problems/trend.js";
import { answer, parseForm } from "../records/form.js";
import { postOnceRaceSafe } from "../github/once-comments.js";
import { withRecordLock } from "./lock.js";
import { evaluateProblem } from "./problem-flow.js";
import { kindLabel } from "../records/kinds.js";

/**
 * After an incident is opened: counts incidents on its service in the trend window (one REST list,
 * consistent unlike search) and, when the trend is met and no open problem covers the service, opens
 * exactly one problem linking them all. A second instance racing this one closes its duplicate.
 */
export async function checkTrend(octokit: Octokit, r: RepoRef, service: string | null, config: ImsConfig, now: Date, delivery: string | null, log: Logger): Promise<TrendDecision> {
  const trend = config.problems.trend;
  if (!trend.enabled || !service?.trim()) return detectTrend(service, [], [], trend, now);
  return withRecordLock(octokit, `${r.owner}/${r.repo} trend ${normaliseService(service)}`.toLowerCase(), async () => {
    const serviceOf = (body: string | null | undefined) => answer(parseForm(body), config.classification.fields.service);
    const since = windowStart(trend, now).toISOString();
    const recent = await listIssuesLabelled(octokit, r, { labels: kindLabel("incident"), state: "all", since });
    const incidents = recent.filter((i) => !i.pull_request).map((i) => ({ number: i.number, service: serviceOf(i.body), createdAt: i.created_at }));
    let decision = detectTrend(service, incidents, [], trend, now);
    if (decision.incidents.length < trend.count) return decision;
    const problems = await openProblems(octokit, r, serviceOf);
    decision = detectTrend(service, incidents, problems, trend, now);
    if (!decision.open) return decision;
    const marker = trendMarker(service);
    await ensureLabels(octokit, r, [kindLabel("problem")]);
    // Another instance may open one at the same moment: the lowest-numbered trend problem wins.
    const made = await createIssueOnce(
      octokit,
      r,
      {
        title: `Problem: repeated incidents on ${service.trim()}`.slice(0, 256),
        labels: [kindLabel("problem")],
        body: problemBody(
          { marker, service: service.trim(), incidents: decision.incidents, description: `Opened by ims-bot: ${md(decision.reason)} (20000-1 8.6.3, 27001 A.16.1.6 / 5.27). Find and remove the common cause.` },
          { service: config.classification.fields.service, ...config.problems.fields },
        ),
      },
      { listAgain: async () => (await openProblems(octokit, r, serviceOf, marker)).map((p) => p.number) },
    );
    if (made.duplicate) return { ...decision, open: false, coveredBy: made.kept, reason: `another instance opened #${made.kept}` };
    const problem = made.created;
    const list = decision.incidents.map((n) => `#${n}`).join(", ");
    await postOnceRaceSafe(octokit, r, problem, [{ marker: decision.incidents.map((n) => linkMarker("incident", n, "trend")).join(""), body: `🔗 Related incidents: ${list}.` }], []);
    await writeLinks(octokit, r, decision.incidents.map((n) => ({ on: n, rel: "problem" as const, to: problem, text: `🔗 Linked to problem #${problem}: ${decision.incidents.length} incidents on ${md(service.trim())} within ${trend.windowDays} days.` })), "trend");
    await evaluateProblem(octokit, r, problem, { delivery, now }, log);
    log.info({ repo: `${r.owner}/${r.repo}`, rule: "problem.trend", service, problem, incidents: decision.incidents }, "problem opened from a trend");
    return { ...decision, coveredBy: problem };
  });
}

async function openProblems(octokit: Octokit, r: RepoRef, serviceOf: (b: string | null | undefined) => string | null, marker?: string) {
  const all = await listIssuesLabelled(octokit, r, { labels: kindLabel("problem"), state: "open" });
  return all
    .filter((i) => !i.pull_request && (!marker || (isOwnComment(i) && (i.body ?? "").includes(marker))))
    // the app's own problem bodies carry the service Markdown-escaped (problemBody): compare it unescaped
    .map((i) => {
      const service = serviceOf(i.body);
      return { number: i.number, service: service === null ? null : serviceFromProblemBody(service) };
    });
}
