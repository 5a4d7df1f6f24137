import { setCommandHelp, type CommandHelp } from "../records/commands-help.js";
import { helpCommand } from "./help.js";
import type { Command } from "./types.js";
import { describeAudience } from "./types.js";

const commands: Command[] = [];

/** Registers commands (each feature adds its own); `/ims help` is always first. */
export function registerCommands(...more: Command[]): void {
  for (const c of more) {
    const at = commands.findIndex((x) => x.verb === c.verb);
    if (at >= 0) commands[at] = c;
    else commands.push(c);
  }
  // The record cards list the same commands as `/ims help`.
  setCommandHelp(
    commands.map((c) => ({ usage: c.usage, what: c.what, who: describeAudience(c.audience), on: c.on.filter((k): k is CommandHelp["on"][number] => k !== "other issue") })),
  );
}

/** All registered commands. */
export function allCommands(): readonly Command[] {
  return commands;
}

/** The command for a verb, if any. */
export function findCommand(verb: string): Command | undefined {
  return commands.find((c) => c.verb === verb);
}

registerCommands(helpCommand(allCommands));
