import { applyLabelDiff } from "../github/labels.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

/** `/ims major`: declares a major incident (management informed once, procedure on the card). */
export const majorCommand: Command = {
  ...COMMAND_SPECS.major,
  run: async (c) => {
    if (!c.issue.labels.includes("major-incident")) {
      await applyLabelDiff(c.context.octokit, { owner: c.owner, repo: c.repo }, c.issue.number, { add: ["major-incident"], remove: [] });
    }
    await rerunRecord(c, c.issue.number, "incident");
    return `Declared a **major incident** (by @${c.actor}): \`${c.config.major.team}\` is notified, and the procedure is on the record card.`;
  },
};
