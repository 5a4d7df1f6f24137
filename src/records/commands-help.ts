import type { CardSection } from "./card.js";

/** A command a person can give in a comment, with who may give it. */
export interface CommandHelp {
  usage: string;
  what: string;
  who: string;
  on: Array<"incident" | "problem" | "change" | "pull request">;
}

/** The `/ims` commands, listed by `/ims help` and on every card; the command registry keeps it current. */
export let COMMANDS: readonly CommandHelp[] = [
  { usage: "/ims help", what: "list the commands and who may use each", who: "anyone", on: ["incident", "problem", "change", "pull request"] },
];

/** Replaces the card's command list (called by the registry whenever commands are registered). */
export function setCommandHelp(list: readonly CommandHelp[]): void {
  COMMANDS = list;
}

/** The card section that lists the commands available on a record of this kind. */
export function commandsSection(kind: CommandHelp["on"][number]): CardSection {
  const rows = COMMANDS.filter((c) => c.on.includes(kind)).map((c) => `\`${c.usage}\` (${c.who})`);
  return { id: "commands", title: null, body: `**Commands:** ${rows.join(" · ")}` };
}
