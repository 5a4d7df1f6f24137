import type { Logger } from "probot";
import { counting } from "../github/call-counter.js";
import { createAppLabels } from "../github/label-setup.js";
import { loadConfig } from "../github/load-config.js";
import { ensureBranch, existingPaths, findPullFromBranch, openPull, reopenPull, writeNewFile } from "../github/onboarding-pull.js";
import { readRepoMeta } from "../github/repo-meta.js";
import { teamExists } from "../github/team-exists.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { statusOf } from "../github/types.js";
import { onboardingBody, ONBOARDING_TITLE } from "../onboarding/body.js";
import { decideOnboarding, ONBOARDING_BRANCH, type OnboardingDecision } from "../onboarding/decide.js";
import { onboardingFiles } from "../onboarding/files.js";
import { describeMissing, type MissingPermission } from "../onboarding/permissions.js";
import { namedTeams } from "../onboarding/teams.js";

/** Why onboarding was asked for: an installation event, or a person (`/ims setup`, the CLI). */
export interface OnboardingTrigger {
  requested: boolean;
  now: Date;
  /** Permissions the installation has not accepted (see missingPermissions); onboarding does what it still may. */
  missing?: readonly MissingPermission[];
}

/** What onboarding did in one repository, for the log, the command's reply and the pacing. */
export interface OnboardingResult {
  repo: string;
  labels: "created" | "skipped";
  decision: OnboardingDecision | { action: "skip"; reason: string };
  pull: number | null;
  /** Files left alone because they exist. */
  kept: string[];
  calls: number;
}

const lacks = (missing: readonly MissingPermission[] | undefined, permission: string) => (missing ?? []).some((m) => m.permission === permission);

/**
 * Sets one repository up: the app's labels first, then (unless archived, a fork, turned off, or
 * offered before) the onboarding pull request. A permission the installation lacks is logged and
 * skipped, never thrown: the rest of the app keeps working.
 */
export async function onboardRepo(octokit: Octokit, r: RepoRef, trigger: OnboardingTrigger, log: Logger): Promise<OnboardingResult> {
  const { value, calls } = await counting(octokit, () => onboard(octokit, r, trigger, log));
  const result = { ...value, calls };
  log.info({ repo: result.repo, labels: result.labels, decision: result.decision, pull: result.pull, kept: result.kept, calls }, "onboarding");
  return result;
}

async function onboard(octokit: Octokit, r: RepoRef, trigger: OnboardingTrigger, log: Logger): Promise<Omit<OnboardingResult, "calls">> {
  const repo = `${r.owner}/${r.repo}`;
  const skip = (reason: string, labels: OnboardingResult["labels"] = "skipped") => ({ repo, labels, decision: { action: "skip" as const, reason }, pull: null, kept: [] });
  const meta = await readRepoMeta(octokit, r);
  if (meta.archived || meta.fork) return { ...skip(""), decision: decideOnboarding({ ...meta, enabled: true, existing: null, requested: trigger.requested }) };
  if (lacks(trigger.missing, "issues")) {
    log.warn({ repo }, `onboarding skipped: ${describeMissing(trigger.missing!)}`);
    return skip("the installation lacks Issues: write");
  }
  try {
    await createAppLabels(octokit, r, trigger.now.getTime());
  } catch (error) {
    if (statusOf(error) !== 403) throw error;
    log.warn({ repo, err: error }, "onboarding skipped: GitHub refused to create labels (403); the app needs Issues: write");
    return skip(`GitHub refused (403): ${(error as Error).message}`);
  }
  if (lacks(trigger.missing, "contents") || lacks(trigger.missing, "pull_requests")) {
    log.warn({ repo }, `onboarding pull request not opened: ${describeMissing(trigger.missing!)}`);
    return skip("the installation lacks Contents: write or Pull requests: write", "created");
  }
  try {
    return await offerPull(octokit, r, meta.defaultBranch, trigger);
  } catch (error) {
    // a token older than the accepted permissions, or an organisation policy: say so, fail nothing else
    if (statusOf(error) !== 403) throw error;
    log.warn({ repo, err: error }, "onboarding pull request not opened: GitHub refused (403); the app needs Contents: write and Pull requests: write");
    return skip(`GitHub refused (403): ${(error as Error).message}`, "created");
  }
}

async function offerPull(octokit: Octokit, r: RepoRef, defaultBranch: string, trigger: OnboardingTrigger): Promise<Omit<OnboardingResult, "calls">> {
  const repo = `${r.owner}/${r.repo}`;
  const resolved = await loadConfig(octokit, r.owner, r.repo);
  const existing = await findPullFromBranch(octokit, r, ONBOARDING_BRANCH);
  const decision = decideOnboarding({ archived: false, fork: false, enabled: resolved.config.onboarding, existing, requested: trigger.requested });
  if (decision.action === "skip") return { repo, labels: "created", decision, pull: existing?.number ?? null, kept: [] };
  const files = onboardingFiles(resolved.config);
  const present = await existingPaths(octokit, r, defaultBranch, files.map((f) => f.path));
  const added = files.filter((f) => !present.has(f.path));
  const kept = files.filter((f) => present.has(f.path));
  if (added.length === 0 && decision.action === "open") {
    return { repo, labels: "created", decision: { action: "skip", reason: "every onboarding file exists already" }, pull: null, kept: kept.map((f) => f.path) };
  }
  await ensureBranch(octokit, r, ONBOARDING_BRANCH, defaultBranch);
  for (const f of added) await writeNewFile(octokit, r, ONBOARDING_BRANCH, f.path, f.content, `Add ${f.path} (ims-bot onboarding)`);
  if (decision.action === "reopen") {
    await reopenPull(octokit, r, decision.number);
    return { repo, labels: "created", decision, pull: decision.number, kept: kept.map((f) => f.path) };
  }
  const teams = [];
  for (const t of namedTeams(resolved.config)) teams.push({ ...t, exists: await teamExists(octokit, t.team, r.owner) });
  const body = onboardingBody({ owner: r.owner, repo: r.repo, defaultBranch, added, kept, teams });
  const pull = await openPull(octokit, r, { head: ONBOARDING_BRANCH, base: defaultBranch, title: ONBOARDING_TITLE, body });
  return { repo, labels: "created", decision, pull, kept: kept.map((f) => f.path) };
}
