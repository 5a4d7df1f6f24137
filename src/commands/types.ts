import type { Context } from "probot";
import type { ImsConfig } from "../config/schema.js";
import type { Audience, RecordKind } from "./specs.js";
import type { ConfigError } from "../config/errors.js";
import type { IssueFacts } from "../github/issue-facts.js";
import type { ParsedCommand } from "./parse.js";
import type { HandlerEnv } from "../handlers/guard.js";

export type { Audience, RecordKind } from "./specs.js";
export { describeAudience } from "./specs.js";

/** Everything a command's run function gets. */
export interface CommandContext {
  context: Context<"issue_comment">;
  env: HandlerEnv;
  command: ParsedCommand;
  issue: IssueFacts;
  kind: RecordKind;
  owner: string;
  repo: string;
  config: ImsConfig;
  configErrors: ConfigError[];
  /** The comment that gave the command. */
  commentId: number;
  actor: string;
}

/** A command: name, help, who may use it, where, and what it does. It returns the reply text. */
export interface Command {
  verb: string;
  usage: string;
  what: string;
  audience: Audience;
  on: readonly RecordKind[];
  run(c: CommandContext): Promise<string>;
}
