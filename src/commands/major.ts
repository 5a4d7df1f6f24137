import { applyLabelDiff } from "../github/labels.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";

/** `/ims major`: declares a major incident (management informed once, procedure on the card). */
export const majorCommand: Command = {
  verb: "major",
  usage: "/ims major",
  what: "declares a major incident: management is notified and a post-incident review is required",
  audience: { kind: "permission", level: "triage" },
  on: ["incident"],
  run: async (c) => {
    if (!c.issue.labels.includes("major-incident")) {
      await applyLabelDiff(c.context.octokit, { owner: c.owner, repo: c.repo }, c.issue.number, { add: ["major-incident"], remove: [] });
    }
    await rerunRecord(c, c.issue.number, "incident");
    return `Declared a **major incident** (by @${c.actor}): \`${c.config.major.team}\` is notified, and the procedure is on the record card.`;
  },
};
