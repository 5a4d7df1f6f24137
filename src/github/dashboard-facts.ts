import type { ResolvedConfig } from "../config/resolve.js";
import type { DashboardFacts, ListedRecord } from "../dashboard/facts.js";
import { configTeams } from "../dashboard/teams.js";
import { isDashboardBody } from "../dashboard/render.js";
import { isOwnComment } from "./bot-identity.js";
import { listOpenPulls } from "./open-pulls.js";
import { newestOwnRun } from "./own-run.js";
import { readFlaggedDeployments } from "./deploy-flagged.js";
import { missingTeams } from "./teams-exist.js";
import type { Octokit, RepoRef } from "./types.js";
import { labelNames } from "../core/labels.js";

/** Named limit: open pull requests whose check run the dashboard reads (the newest first). */
export const DASHBOARD_PULLS_MAX = 50;

/** The app's dashboard issue as the open-issue list shows it. */
export interface DashboardIssue {
  number: number;
  body: string;
}

/**
 * Reads what the dashboard shows: every open issue (one list, 100 a page: records of every kind,
 * review records and the dashboard itself), the open pull requests (one list, conditional) and this
 * app's newest run on each (one call each, up to DASHBOARD_PULLS_MAX), and whether the teams the config
 * names exist (one call each, conditional). The config was read by the caller.
 */
export async function readDashboardFacts(
  octokit: Octokit,
  r: RepoRef,
  resolved: ResolvedConfig,
  missingPermissions: string[] = [],
): Promise<{ facts: DashboardFacts; open: DashboardIssue | null }> {
  const records: ListedRecord[] = [];
  const titles = new Map<number, string>();
  let open: DashboardIssue | null = null;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...r, state: "open", per_page: 100 })) {
    for (const i of page.data) {
      if (i.pull_request) {
        titles.set(i.number, i.title);
        continue;
      }
      const own = isOwnComment(i);
      if (own && isDashboardBody(i.body)) {
        // the lowest number stays, as createIssueOnce keeps it
        if (!open || i.number < open.number) open = { number: i.number, body: i.body ?? "" };
        continue;
      }
      records.push({
        number: i.number,
        title: i.title,
        labels: labelNames(i.labels),
        createdAt: i.created_at,
        body: own ? (i.body ?? null) : null,
        openedByBot: own,
      });
    }
  }
  const pulls = await listOpenPulls(octokit, r);
  const newest = [...pulls.pulls].sort((a, b) => b.number - a.number);
  const read = newest.slice(0, DASHBOARD_PULLS_MAX);
  const changes = await Promise.all(
    read.map(async (p) => {
      const run = await newestOwnRun(octokit, r, p.headSha);
      return { number: p.number, title: titles.get(p.number) ?? `#${p.number}`, run: run && { status: run.status, conclusion: run.conclusion, title: run.title } };
    }),
  );
  const teams = await missingTeams(octokit, r.owner, configTeams(resolved.config));
  const flaggedDeployments = await readFlaggedDeployments(octokit, r, resolved.config.deploy.environments);
  return {
    facts: {
      repo: `${r.owner}/${r.repo}`,
      records,
      changes: changes.sort((a, b) => a.number - b.number),
      changesNotRead: newest.length - read.length,
      configErrors: resolved.errors,
      missingTeams: teams,
      missingPermissions,
      ...(flaggedDeployments.length > 0 ? { flaggedDeployments } : {}),
    },
    open,
  };
}
