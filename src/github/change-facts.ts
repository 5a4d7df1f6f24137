import type { ChangePolicyConfig } from "../change/config.js";
import { detectChange } from "../change/detect.js";
import type { ChangeFacts, MemberList, PullRequestFacts, ReviewFacts } from "../change/facts.js";
import { isBot, sameLogin } from "../change/identity.js";
import { parseChangeLinks, parseRiskLinks, resolveLinks } from "../change/links.js";
import { standingReviews } from "../change/reviews.js";
import { readProtection } from "./branch-protection.js";
import { readChangeRecords } from "./change-records.js";
import { atLeast, repoRole } from "./permissions.js";
import { readPullHistory } from "./pr-history.js";
import { readCommits, readFiles, readReviews } from "./pull-lists.js";
import { readPushers } from "./pushers.js";
import { MembershipReader } from "./team-membership.js";
import type { Octokit, RepoRef } from "./types.js";

type ApiPull = Awaited<ReturnType<Octokit["rest"]["pulls"]["get"]>>["data"];

/** Who moved the head branch in the `synchronize` being handled, from which commit to which. */
export interface Pusher {
  login: string;
  before: string;
  after: string;
}

/** The facts of one evaluation and the calls made. */
export interface FactsRead {
  facts: ChangeFacts;
  /** The pull request's title (not a policy fact; the review record quotes it). */
  title: string;
  /** Whether it was merged (not a policy fact; a closed, unmerged one may be reopened). */
  merged: boolean;
  calls: number;
}

export interface ReadOptions {
  /** Config errors (formatted); non-empty: the check fails closed, so nothing else needs reading. */
  configErrors: string[];
  now: Date;
  /** Read branch protection now rather than reuse evidence a few minutes old (`/ims recheck`). */
  freshProtection?: boolean;
  /** The gate's config files in this repository (see gateFiles). */
  gateFiles?: string[];
  /** The sender of the `synchronize` being handled: a pusher even where GitHub's record cannot be read (a private fork). */
  pusher?: Pusher | null;
}

/**
 * Reads everything the change policy decides on, once: the pull request, its commits, files and
 * reviews, the linked change records, then only the team memberships the decision can use (of the
 * people whose reviews stand), and the branch protection evidence.
 */
export async function readChangeFacts(octokit: Octokit, r: RepoRef, number: number, config: ChangePolicyConfig, opts: ReadOptions): Promise<FactsRead> {
  const res = await octokit.rest.pulls.get({ ...r, pull_number: number });
  const pull = res.data;
  let calls = 1;
  const pr = pullFacts(pull);
  const repo = `${r.owner}/${r.repo}`;
  const base: ChangeFacts = {
    repo,
    defaultBranch: pull.base.repo.default_branch,
    pr,
    commits: [],
    truncated: {},
    files: [],
    reviews: [],
    teams: {},
    maintainers: { status: "known", logins: [] },
    records: [],
    protection: { requiresCheck: "unknown", sources: [], reason: "not read" },
    configErrors: opts.configErrors,
    ...(opts.gateFiles ? { gateFiles: opts.gateFiles } : {}),
  };
  const protection = await readProtection(octokit, r, pr.baseRef, { now: opts.now.getTime(), fresh: opts.freshProtection ?? false });
  calls += protection.calls;
  base.protection = protection.facts;
  if (opts.configErrors.length > 0) return { facts: base, title: pull.title, merged: pull.merged === true, calls };

  const links = resolveLinks(parseChangeLinks(pr.body), repo);
  const riskLinks = config.change.requireRiskRecord ? parseRiskLinks(pr.body, repo) : [];
  const [commits, files, reviews, records, risks] = await Promise.all([
    readCommits(octokit, r, number, pull.commits, config.change.allowTargetMerges),
    readFiles(octokit, r, number, pull.changed_files),
    readReviews(octokit, r, number),
    readChangeRecords(octokit, links, r.owner),
    riskLinks.length ? readChangeRecords(octokit, riskLinks, r.owner) : Promise.resolve({ records: [], calls: 0 }),
  ]);
  calls += commits.calls + files.calls + reviews.calls + records.calls + risks.calls;
  const facts: ChangeFacts = {
    ...base,
    commits: commits.items,
    files: files.items,
    reviews: reviews.items,
    records: records.records,
    ...(config.change.requireRiskRecord ? { riskRecords: risks.records } : {}),
    truncated: {
      ...(commits.truncated ? { commits: commits.truncated } : {}),
      ...(files.truncated ? { files: files.truncated } : {}),
      ...(reviews.truncated ? { reviews: reviews.truncated } : {}),
    },
  };
  const [people, history] = await Promise.all([readPeople(octokit, r, facts, config), readHistory(octokit, r, pull, facts, config, opts.pusher ?? null)]);
  return { facts: { ...facts, ...people.facts, ...history.facts }, title: pull.title, merged: pull.merged === true, calls: calls + people.calls + history.calls };
}

/** Plain facts of a pull request from the REST object (or a webhook's `pull_request`). */
export function pullFacts(pull: ApiPull): PullRequestFacts {
  const type = pull.user.type === "Bot" || pull.user.type === "Organization" ? pull.user.type : "User";
  const headRepo = pull.head.repo?.full_name ?? null;
  return {
    number: pull.number,
    author: { login: pull.user.login, type },
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
    headRepoFullName: headRepo,
    isFork: headRepo === null || headRepo.toLowerCase() !== pull.base.repo.full_name.toLowerCase(),
    labels: pull.labels.map((l) => l.name ?? "").filter(Boolean),
    body: pull.body ?? "",
    draft: pull.draft ?? false,
    state: pull.state === "closed" ? "closed" : "open",
  };
}

/**
 * What changed the pull request beyond its commits, read only when it can matter (a change with a
 * standing approval that is neither the author's nor a bot's): one GraphQL query for the accounts of
 * every commit's authors and committer and the timeline's base changes and force-pushes, and one
 * activity read per such approver for their pushes to the head branch.
 */
async function readHistory(octokit: Octokit, r: RepoRef, pull: ApiPull, facts: ChangeFacts, config: ChangePolicyConfig, pusher: Pusher | null): Promise<{ facts: Pick<ChangeFacts, "history" | "commits"> | Record<string, never>; calls: number }> {
  if (!detectChange(facts, config.change).isChange) return { facts: {}, calls: 0 };
  const approvers = [...standingReviews(facts.reviews).values()]
    .filter((v) => v.state === "APPROVED" && v.user !== null && !isBot(v.user) && !sameLogin(v.user.login, facts.pr.author.login))
    .map((v) => v.user!.login);
  if (approvers.length === 0) return { facts: {}, calls: 0 };
  const headRepo = pull.head.repo ? { owner: pull.head.repo.owner.login, repo: pull.head.repo.name } : null;
  const [accounts, pushed] = await Promise.all([
    readPullHistory(octokit, r, facts.pr.number, facts.commits, pull.head.ref),
    headRepo ? readPushers(octokit, { head: headRepo, ref: pull.head.ref, base: r, commits: facts.commits.map((c) => c.sha) }, approvers) : Promise.resolve({ pushes: [], checked: [], unknown: "the head repository was deleted, so who pushed to it cannot be read", calls: 0 }),
  ]);
  const sender = pusher ? [{ actor: pusher.login, kind: "push", ref: pull.head.ref, at: null, source: "webhook" as const, before: pusher.before, after: pusher.after }] : [];
  const unknown = accounts.unknown ?? pushed.unknown;
  return {
    facts: {
      commits: accounts.commits,
      history: { baseChanges: accounts.baseChanges, pushes: [...pushed.pushes, ...accounts.forcePushes, ...sender], checked: pushed.checked, ...(unknown ? { unknown } : {}) },
    },
    calls: accounts.calls + pushed.calls,
  };
}

/**
 * Team membership and maintainer roles, only where the decision can use them: nothing for a pull
 * request that is not a change or a standard one; the security team for everyone whose standing review
 * approves or requests changes; the emergency approvers for an emergency; the CAB team (or maintainer
 * role) when a second approval is needed. Bots and deleted accounts are never looked up.
 */
async function readPeople(octokit: Octokit, r: RepoRef, facts: ChangeFacts, config: ChangePolicyConfig): Promise<{ facts: Pick<ChangeFacts, "teams" | "maintainers">; calls: number }> {
  const change = config.change;
  const detection = detectChange(facts, change);
  const none = { facts: { teams: {}, maintainers: { status: "known" as const, logins: [] } }, calls: 0 };
  if (!detection.isChange) return none;
  const standing = [...standingReviews(facts.reviews).values()].filter((v): v is ReviewFacts & { user: NonNullable<ReviewFacts["user"]> } => v.user !== null && !isBot(v.user));
  const voters = standing.filter((v) => v.state === "APPROVED" || v.state === "CHANGES_REQUESTED").map((v) => v.user.login);
  const approvers = standing.filter((v) => v.state === "APPROVED").map((v) => v.user.login);
  const type = detection.type.type;
  const reader = new MembershipReader(octokit, r.owner);
  const teams: Record<string, MemberList> = {};
  const wants: Array<[string, string[]]> = [[config.security.team, voters]];
  if (type === "emergency") wants.push([change.emergency.approvers, approvers]);
  const second = type !== "emergency" && type !== "standard" && (detection.risk.level ?? "high") === "high" && change.highRisk.secondApproval;
  if (second && change.highRisk.team) wants.push([change.highRisk.team, approvers]);
  await Promise.all(wants.map(async ([team, logins]) => void (teams[team] = await reader.members(team, logins))));
  let maintainers: MemberList = { status: "known", logins: [] };
  let calls = reader.calls;
  if (second && !change.highRisk.team) {
    const others = approvers.filter((l) => !sameLogin(l, facts.pr.author.login));
    const roles = await Promise.all(others.map(async (l) => [l, await repoRole(octokit, r, l)] as const));
    calls += others.length;
    maintainers = { status: "known", logins: roles.filter(([, role]) => atLeast(role, "maintain")).map(([l]) => l) };
  }
  return { facts: { teams, maintainers }, calls };
}
