import { md } from "../core/explain.js";
import { CHANGE_CHECK_NAME } from "../change/facts.js";
import type { OnboardingFile } from "./files.js";
import type { NamedTeam } from "./teams.js";

export const ONBOARDING_TITLE = "Set up ims-bot: issue forms, pull request template and configuration";

/** What the body says about one team the config names. */
export interface TeamState extends NamedTeam {
  /** null: could not be read (no Members permission, or another organisation). */
  exists: boolean | null;
}

/** The onboarding pull request's body: what each file does, the teams, and the next step. */
export function onboardingBody(input: { owner: string; repo: string; defaultBranch: string; added: OnboardingFile[]; kept: OnboardingFile[]; teams: TeamState[] }): string {
  const { owner, repo, defaultBranch, added, kept, teams } = input;
  const lines = [
    "<!-- ims-bot onboarding -->",
    "Welcome to **ims-bot**. This pull request sets this repository up so that incidents, problems and changes filed here become records the app classifies, escalates and gates. Nothing happens to issues or pull requests until it is merged, except that the app's labels already exist (an issue form applies only labels that exist).",
    "",
    "## What this adds",
    "",
    ...added.map((f) => `- \`${f.path}\`: ${f.what}.`),
  ];
  if (kept.length > 0) {
    lines.push("", "## Left alone", "", "These files already exist here, so this pull request does not touch them (compare them with ims-bot's templates if the forms seem to be ignored):", "", ...kept.map((f) => `- \`${f.path}\`: ${f.what}.`));
  }
  lines.push("", "## Teams the configuration names", "");
  if (teams.length === 0) lines.push("None.");
  for (const t of teams) {
    const where = t.settings.map((s) => `\`${s}\``).join(", ");
    if (t.exists === true) lines.push(`- ✅ \`${md(t.team)}\` (${where}) exists.`);
    else if (t.exists === false) lines.push(`- ❌ \`${md(t.team)}\` (${where}) does **not** exist in \`${md(owner)}\`: create it at https://github.com/orgs/${owner}/new-team with the slug \`${md(t.team.split("/").pop() ?? t.team)}\`, or name another team in \`.github/ims.yml\`.`);
    else lines.push(`- ❔ \`${md(t.team)}\` (${where}): ims-bot could not read it (the app needs Members: read in that organisation).`);
  }
  lines.push(
    "",
    "## Next step: require the check",
    "",
    `After merging, require **${CHANGE_CHECK_NAME}** on \`${md(defaultBranch)}\` so a change cannot be merged without its record and review: Settings → Rules → Rulesets → New branch ruleset → target \`${md(defaultBranch)}\` → "Require status checks to pass" → add \`${CHANGE_CHECK_NAME}\` with ims-bot as its source (https://github.com/${owner}/${repo}/settings/rules), or the classic Settings → Branches → Add branch protection rule → "Require status checks to pass before merging".`,
    "",
    "Not now? Close this pull request: ims-bot will not open another one. An admin can ask again with `/ims setup` in a comment on any issue or pull request that is not an IMS record.",
  );
  return lines.join("\n");
}
