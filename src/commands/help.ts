import type { ImsConfig } from "../config/schema.js";
import type { Command } from "./types.js";
import { describeAudience } from "./types.js";
import { COMMAND_SPECS } from "./specs.js";

/** The commands as a Markdown table: usage, what it does, where it works, who may use it. */
export function commandsTable(commands: readonly Command[], config?: ImsConfig): string {
  // `\|` keeps a `|` inside a usage (`assess incident|not-incident`) from splitting the table cell.
  const rows = commands.map((c) => `| \`${c.usage.replace(/\|/g, "\\|")}\` | ${c.what} | ${c.on.join(", ")} | ${describeAudience(c.audience, config)} |`);
  return ["| command | what it does | on | who may use it |", "|---|---|---|---|", ...rows].join("\n");
}

/** The help text: every command, where it works and who may use it. */
export function helpText(commands: readonly Command[], config?: ImsConfig): string {
  return ["**ims-bot commands** (write one on the first line of a comment)", "", commandsTable(commands, config)].join("\n");
}

/** `/ims help`: lists the commands and who may use each. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    ...COMMAND_SPECS.help,
    run: async (c) => helpText(all(), c.config),
  };
}
