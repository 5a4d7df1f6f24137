import { assessCommand } from "./assess.js";
import { knownErrorCommand } from "./known-error.js";
import { linkCommand } from "./link.js";
import { majorCommand } from "./major.js";
import { problemCommand } from "./problem.js";
import { registerCommands } from "./registry.js";

/** The incident, security and problem commands of issue 3 (imported once from src/index.ts). */
registerCommands(assessCommand, majorCommand, problemCommand, linkCommand, knownErrorCommand);
