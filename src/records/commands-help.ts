import { describeAudience, specsOn } from "../commands/specs.js";
import type { KindId } from "./kinds.js";
import type { CardSection } from "./card.js";

/** The card section that lists the commands available on a record of this kind (the same list as `/ims help`). */
export function commandsSection(kind: KindId): CardSection {
  const rows = specsOn(kind).map((c) => `\`${c.usage}\` (${describeAudience(c.audience)})`);
  return { id: "commands", title: null, body: `**Commands:** ${rows.join(" · ")}` };
}
