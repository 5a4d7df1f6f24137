import { acceptRiskCommand } from "./accept-risk.js";
import { assessCommand } from "./assess.js";
import { helpCommand } from "./help.js";
import { knownErrorCommand } from "./known-error.js";
import { linkCommand } from "./link.js";
import { majorCommand } from "./major.js";
import { outageCommand } from "./outage.js";
import { problemCommand } from "./problem.js";
import { recheckCommand } from "./recheck.js";
import { setupCommand } from "./setup.js";
import { VERBS, type Verb } from "./specs.js";
import type { Command } from "./types.js";

/** Every command by its verb, listed here and nowhere else: a verb in specs.ts without one here does not compile. */
const BY_VERB: Record<Verb, Command> = {
  help: helpCommand(() => COMMANDS),
  assess: assessCommand,
  major: majorCommand,
  outage: outageCommand,
  problem: problemCommand,
  link: linkCommand,
  "accept-risk": acceptRiskCommand,
  "known-error": knownErrorCommand,
  recheck: recheckCommand,
  setup: setupCommand,
};

/** The `/ims` commands, in the order of `/ims help` and the record cards. */
export const COMMANDS: readonly Command[] = VERBS.map((v) => BY_VERB[v]);

/** The command for a verb, if any. */
export function findCommand(verb: string): Command | undefined {
  return COMMANDS.find((c) => c.verb === verb);
}
