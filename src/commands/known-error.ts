import { applyLabelDiff } from "../github/labels.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";

/** `/ims known-error`: records a problem as a known error (root cause or workaround known). */
export const knownErrorCommand: Command = {
  verb: "known-error",
  usage: "/ims known-error",
  what: "marks this problem a known error (root cause or workaround known)",
  audience: { kind: "permission", level: "triage" },
  on: ["problem"],
  run: async (c) => {
    if (!c.issue.labels.includes("known-error")) {
      await applyLabelDiff(c.context.octokit, { owner: c.owner, repo: c.repo }, c.issue.number, { add: ["known-error"], remove: [] });
    }
    await rerunRecord(c, c.issue.number, "problem");
    return `Recorded as a **known error** by @${c.actor}.`;
  },
};
