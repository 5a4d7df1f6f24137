import type { Context } from "probot";
import { evaluatePullRequest } from "../flows/change-flow.js";
import { loadConfig } from "../github/load-config.js";
import { teamRef } from "../github/permissions.js";
import { searchIssuesFirstPage } from "../github/search-pages.js";
import type { RepoRef } from "../github/types.js";
import type { HandlerEnv } from "./guard.js";

/** Named limit: open pull requests re-evaluated for one team removal (one search page). */
export const MAX_PULLS_PER_MEMBERSHIP_EVENT = 30;

interface SearchItem {
  number: number;
  repository_url: string;
  pull_request?: unknown;
}

/**
 * `membership.removed` from a team: the person's approvals may have been what passed a change.
 * One search (`is:pr is:open reviewed-by:LOGIN org:OWNER`, one of the 30 a minute) finds the open pull
 * requests they reviewed; each repository's config (a conditional read) says whether the team is one
 * the gate counts (security team, emergency approvers, CAB team), and only those pull requests are
 * evaluated again, at most MAX_PULLS_PER_MEMBERSHIP_EVENT; the log names what was left.
 * A removal the search has not indexed yet, or one beyond the limit, is caught at the next evaluation
 * (membership is never cached across evaluations).
 */
export async function onMembership(context: Context<"membership">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "removed" || p.scope !== "team") return;
  const team = p.team as { slug?: string; deleted?: boolean };
  const login = p.member?.login;
  const org = p.organization.login;
  if (!team.slug || !login) return;
  const q = `is:pr is:open reviewed-by:${login} org:${org}`;
  const res = await searchIssuesFirstPage(context.octokit, q, MAX_PULLS_PER_MEMBERSHIP_EVENT);
  const items = (res.items as SearchItem[]).filter((i) => i.pull_request);
  if (res.totalCount > items.length) {
    context.log.warn({ org, team: team.slug, member: login, total: res.totalCount, limit: MAX_PULLS_PER_MEMBERSHIP_EVENT }, "team removal: more open pull requests reviewed by the member than one event re-evaluates; the rest are evaluated at their next event");
  }
  const byRepo = new Map<string, { r: RepoRef; numbers: number[] }>();
  for (const item of items) {
    const [owner = "", repo = ""] = item.repository_url.split("/").slice(-2);
    const key = `${owner}/${repo}`.toLowerCase();
    const entry = byRepo.get(key) ?? { r: { owner, repo }, numbers: [] };
    entry.numbers.push(item.number);
    byRepo.set(key, entry);
  }
  const now = env.now();
  const evaluated: string[] = [];
  for (const { r, numbers } of byRepo.values()) {
    const resolved = await loadConfig(context.octokit, r.owner, r.repo);
    const c = resolved.config;
    const gateTeams = [c.security.team, c.change.emergency.approvers, ...(c.change.highRisk.team ? [c.change.highRisk.team] : [])];
    const counts = gateTeams.some((t) => {
      const ref = teamRef(t, r.owner);
      return ref.slug.toLowerCase() === team.slug!.toLowerCase() && ref.org.toLowerCase() === org.toLowerCase();
    });
    // a config error fails every check closed anyway; evaluating shows it
    if (!counts && resolved.errors.length === 0) continue;
    for (const n of numbers) {
      await evaluatePullRequest(context.octokit, r, n, { delivery: context.id ?? null, now, config: resolved }, context.log);
      evaluated.push(`${r.owner}/${r.repo}#${n}`);
    }
  }
  context.log.info({ org, team: team.slug, member: login, evaluated }, "team removal: open changes the member reviewed evaluated again");
}
