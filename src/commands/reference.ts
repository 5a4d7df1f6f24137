import "./index.js";
import "./recheck.js";
import { commandsTable } from "./help.js";
import { allCommands } from "./registry.js";

/** The commands table for README, generated from the registry (checked by a test). */
export function commandsReference(): string {
  return commandsTable(allCommands());
}
