import { md } from "../core/explain.js";
import type { Trace } from "../core/trace.js";
import type { Card } from "./card.js";
import { kindLabel } from "./kinds.js";

const LABEL = kindLabel("incident");

/**
 * The card of an issue that stopped being an incident record (`ims:incident` removed): it says so,
 * by whom and when, so the record's last card does not go on showing a running SLA.
 */
export function retiredIncidentCard(by: string, now: Date, delivery: string | null): Card {
  const trace: Trace = { v: 1, rule: "incident.retire", inputs: { removedBy: by }, result: { record: false }, time: now.toISOString(), delivery };
  return {
    heading: "No longer an incident record",
    sections: [
      {
        id: "retired",
        title: null,
        body: `@\u200b${md(by)} removed \`${LABEL}\` on ${now.toISOString().slice(0, 16).replace("T", " ")} UTC: ims-bot no longer classifies this issue, runs its SLA clock or escalates it. Labels it set stay as they are. Add \`${LABEL}\` again to resume.`,
      },
    ],
    traces: [trace],
  };
}
