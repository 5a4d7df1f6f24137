import { CHANGE_CHECK_NAME, type BranchProtectionFacts, type ProtectionSource } from "../change/facts.js";
import { appId } from "./bot-identity.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";
import { areaOf } from "./store-of.js";
import { PROTECTION_TTL_MS } from "../store/areas.js";

export { PROTECTION_TTL_MS } from "../store/areas.js";

/**
 * Whether `branch` requires the `IMS / change control` check, from classic branch protection and
 * rulesets; read-only. A 403/404 on branch protection is not an error: the app usually lacks the
 * Administration permission, and the answer is then "unknown" unless a ruleset already requires it.
 */
export async function readProtection(octokit: Octokit, r: RepoRef, branch: string, opts: { now: number; fresh?: boolean }): Promise<{ facts: BranchProtectionFacts; calls: number }> {
  // the API base URL is part of the key: one process may talk to several GitHubs (GHES, the simulator)
  const key = `${String(octokit.request.endpoint.DEFAULTS.baseUrl)} ${r.owner}/${r.repo}#${branch}`.toLowerCase();
  const cache = areaOf<{ at: number; facts: BranchProtectionFacts }>(octokit, "protection");
  const hit = await cache.get(key);
  if (hit && !opts.fresh && opts.now - hit.at >= 0 && opts.now - hit.at < PROTECTION_TTL_MS) return { facts: hit.facts, calls: 0 };
  const [classic, rules] = await Promise.all([classicRequires(octokit, r, branch), rulesetRequires(octokit, r, branch)]);
  const sources: ProtectionSource[] = [];
  if (typeof classic === "object") sources.push("branch protection");
  if (typeof rules === "object") sources.push("ruleset");
  const anySource = [classic, rules].some((x) => typeof x === "object" && !x.pinned);
  let facts: BranchProtectionFacts;
  if (sources.length > 0) facts = { requiresCheck: true, sources, ...(anySource ? { anySource } : {}) };
  else if (classic === false && rules === false) facts = { requiresCheck: false, sources };
  else facts = { requiresCheck: "unknown", sources, reason: [classic, rules].filter((x): x is string => typeof x === "string").join("; ") };
  await cache.set(key, { at: opts.now, facts });
  return { facts, calls: 2 };
}

/** A requirement of the check, and whether it is pinned to this app's checks only. */
type Requires = { pinned: boolean };

/** Pinned to this app (or, when this process does not know its id, to some app). */
function pinnedToUs(id: number | null | undefined): boolean {
  const mine = appId();
  return typeof id === "number" && id > 0 && (mine === null || id === mine);
}

async function classicRequires(octokit: Octokit, r: RepoRef, branch: string): Promise<Requires | false | string> {
  try {
    const { data } = await octokit.rest.repos.getBranchProtection({ ...r, branch });
    const rsc = data.required_status_checks;
    const checks = (rsc?.checks ?? []).filter((c) => c.context === CHANGE_CHECK_NAME);
    if (checks.length > 0) return { pinned: checks.every((c) => pinnedToUs(c.app_id)) };
    return (rsc?.contexts ?? []).includes(CHANGE_CHECK_NAME) ? { pinned: false } : false;
  } catch (error) {
    const status = statusOf(error);
    // 404 "Branch not protected" and 404 for a token without access look alike; only a 403 says "no access"
    if (status === 404) return false;
    if (status === 403 || status === 401) return `branch protection cannot be read by the app (HTTP ${status}; it needs the Administration: read permission)`;
    throw error;
  }
}

async function rulesetRequires(octokit: Octokit, r: RepoRef, branch: string): Promise<Requires | false | string> {
  try {
    const rules = await octokit.paginate(octokit.rest.repos.getBranchRules, { ...r, branch, per_page: 100 });
    const checks = rules.flatMap((rule) => (rule.type === "required_status_checks" ? (rule.parameters?.required_status_checks ?? []) : []))
      .filter((c) => c.context === CHANGE_CHECK_NAME);
    return checks.length > 0 ? { pinned: checks.every((c) => pinnedToUs(c.integration_id)) } : false;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404 || status === 401) return `rulesets cannot be read (HTTP ${status})`;
    throw error;
  }
}
