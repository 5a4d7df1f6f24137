import { hasLabel } from "../core/labels.js";
import { applyLabelDiff } from "../github/labels.js";
import { rerunRecord } from "./rerun.js";
import type { Command } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

const SECURITY = ["security:event", "security:incident", "security:not-incident"];

/** `/ims assess incident|not-incident`: the security team's assessment of an event (27001 A.16.1.4 / 5.25). */
export const assessCommand: Command = {
  ...COMMAND_SPECS.assess,
  run: async (c) => {
    const verdict = c.command.args[0]?.toLowerCase();
    if (verdict !== "incident" && verdict !== "not-incident") {
      return "Write `/ims assess incident` or `/ims assess not-incident`. Nothing was changed.";
    }
    const want = `security:${verdict}`;
    const has = (l: string) => hasLabel(c.issue.labels, l);
    await applyLabelDiff(c.context.octokit, { owner: c.owner, repo: c.repo }, c.issue.number, {
      add: has(want) ? [] : [want],
      remove: SECURITY.filter((l) => l !== want && has(l)),
    });
    await rerunRecord(c, c.issue.number, "incident");
    return verdict === "incident"
      ? `Assessed by @${c.actor}: **information security incident** (\`security:incident\`). At least one CIA impact (\`cia:confidentiality\`, \`cia:integrity\`, \`cia:availability\`) is now required.`
      : `Assessed by @${c.actor}: **not an information security incident** (\`security:not-incident\`).`;
  },
};
