import { helpCommand } from "./help.js";
import type { Command } from "./types.js";

const commands: Command[] = [];

/** Registers commands (each feature adds its own); `/ims help` is always first. */
export function registerCommands(...more: Command[]): void {
  for (const c of more) {
    const at = commands.findIndex((x) => x.verb === c.verb);
    if (at >= 0) commands[at] = c;
    else commands.push(c);
  }
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
