import type { Core } from "../core.js";
import { notFound } from "../errors.js";
import type { Repo, Ruleset } from "../types.js";

export function protectBranch(repo: Repo, branch: string, requiredChecks: string[], opts: { strict?: boolean; enforceAdmins?: boolean; allowForcePushes?: boolean } = {}): void {
  const b = repo.branches.get(branch);
  if (!b) throw notFound("Branch not found");
  b.protection = { requiredChecks, strict: opts.strict ?? false, enforceAdmins: opts.enforceAdmins ?? false, ...(opts.allowForcePushes ? { allowForcePushes: true } : {}) };
}

export function unprotectBranch(repo: Repo, branch: string): void {
  const b = repo.branches.get(branch);
  if (b) delete b.protection;
}

export function addRuleset(core: Core, repo: Repo, input: Omit<Ruleset, "id" | "enforcement"> & { enforcement?: Ruleset["enforcement"] }): Ruleset {
  const ruleset: Ruleset = { id: core.store.id(), enforcement: input.enforcement ?? "active", ...input };
  repo.rulesets.push(ruleset);
  return ruleset;
}

function matches(repo: Repo, pattern: string, branch: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === repo.defaultBranch;
  const name = pattern.replace(/^refs\/heads\//, "");
  if (!name.includes("*")) return name === branch;
  const re = new RegExp(`^${name.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`);
  return re.test(branch);
}

/** Active rulesets that apply to `branch`. */
export function rulesetsFor(repo: Repo, branch: string): Ruleset[] {
  return repo.rulesets.filter((r) => r.enforcement === "active" && r.include.some((p) => matches(repo, p, branch)));
}

/** Status check contexts required on `branch` by branch protection and active rulesets. */
export function requiredChecks(repo: Repo, branch: string): string[] {
  const fromProtection = repo.branches.get(branch)?.protection?.requiredChecks ?? [];
  return [...new Set([...fromProtection, ...rulesetsFor(repo, branch).flatMap((r) => r.requiredChecks)])];
}
