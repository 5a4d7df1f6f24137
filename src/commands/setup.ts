import { onboardRepo, type OnboardingResult } from "../flows/onboard-repo.js";
import { md } from "../core/explain.js";
import type { Command } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

/** The answer to `/ims setup`: what was done, in one or two sentences. */
export function setupReply(r: OnboardingResult): string {
  const labels = r.labels === "created" ? "✅ The app's labels exist." : "⚠️ The app's labels were not created.";
  const d = r.decision;
  if (d.action === "open") return `${labels} Opened the onboarding pull request #${r.pull}: merge it to add the issue forms, the pull request template and \`.github/ims.yml\`.`;
  if (d.action === "reopen") return `${labels} Reopened the onboarding pull request #${d.number}.`;
  return `${labels} No onboarding pull request: ${md(d.reason)}.`;
}

/** `/ims setup`: onboarding on request (a closed pull request or `onboarding: false` no longer holds it back). */
export const setupCommand: Command = {
  ...COMMAND_SPECS.setup,
  run: async (c) => setupReply(await onboardRepo(c.context.octokit, { owner: c.owner, repo: c.repo }, { requested: true, now: c.env.now() }, c.context.log)),
};
