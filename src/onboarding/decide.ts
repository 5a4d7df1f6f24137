/** Onboarding's branch: the one marker of "this repository was offered the pull request", in GitHub itself. */
export const ONBOARDING_BRANCH = "ims-bot/onboarding";

/** What onboarding reads of a repository before deciding. */
export interface OnboardingFacts {
  archived: boolean;
  fork: boolean;
  /** `onboarding` of the repository's effective config (its own file, else the organisation's). */
  enabled: boolean;
  /** The pull request from ONBOARDING_BRANCH, open or closed, if any. */
  existing: { number: number; state: "open" | "closed"; merged: boolean } | null;
  /** Asked for by `/ims setup` or the CLI: a closed ("not now") pull request is offered again. */
  requested: boolean;
}

export type OnboardingDecision =
  | { action: "skip"; reason: string }
  | { action: "open" }
  | { action: "reopen"; number: number };

/** Whether to offer the onboarding pull request (labels are created before, whatever this says). */
export function decideOnboarding(f: OnboardingFacts): OnboardingDecision {
  if (f.archived) return { action: "skip", reason: "archived repository" };
  if (f.fork) return { action: "skip", reason: "fork (its source repository is onboarded instead)" };
  if (f.existing?.merged) return { action: "skip", reason: `onboarding pull request #${f.existing.number} is merged` };
  if (f.existing?.state === "open") return { action: "skip", reason: `onboarding pull request #${f.existing.number} is open` };
  // as Renovate reads a closed onboarding PR: "not now", until someone asks again
  if (f.existing) return f.requested ? { action: "reopen", number: f.existing.number } : { action: "skip", reason: `onboarding pull request #${f.existing.number} was closed unmerged ("not now"; \`/ims setup\` offers it again)` };
  if (!f.enabled && !f.requested) return { action: "skip", reason: "`onboarding: false` in the configuration" };
  return { action: "open" };
}
