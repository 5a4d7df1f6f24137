import { commandsTable } from "./help.js";
import { COMMANDS } from "./index.js";

/** The commands table for README, generated from the registry (checked by a test). */
export function commandsReference(): string {
  return commandsTable(COMMANDS);
}
