import { applyLabelDiff } from "../github/labels.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

/** `/ims known-error`: records a problem as a known error (root cause or workaround known). */
export const knownErrorCommand: Command = {
  ...COMMAND_SPECS["known-error"],
  run: async (c) => {
    if (!c.issue.labels.includes("known-error")) {
      await applyLabelDiff(c.context.octokit, { owner: c.owner, repo: c.repo }, c.issue.number, { add: ["known-error"], remove: [] });
    }
    await rerunRecord(c, c.issue.number, "problem");
    return `Recorded as a **known error** by @${c.actor}.`;
  },
};
