import type { Context } from "probot";
import type { ImsConfig } from "../config/schema.js";
import type { ConfigError } from "../config/errors.js";
import type { IssueFacts } from "../github/issue-facts.js";
import type { ParsedCommand } from "./parse.js";
import type { HandlerEnv } from "../handlers/guard.js";

/** Who may give a command: anyone, a repository permission level, or members of a configured team. */
export type Audience =
  | { kind: "anyone" }
  | { kind: "permission"; level: "triage" | "write" | "maintain" | "admin" }
  | { kind: "team"; team: (config: ImsConfig) => string; name: string };

/** Kinds of record a command applies to. */
export type RecordKind = "incident" | "problem" | "change" | "pull request" | "other issue";

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
  on: RecordKind[];
  run(c: CommandContext): Promise<string>;
}

/** Says who may use a command, in words. */
export function describeAudience(a: Audience, config?: ImsConfig): string {
  if (a.kind === "anyone") return "anyone";
  if (a.kind === "permission") return `people with ${a.level} permission or higher`;
  return config ? `members of the \`${a.team(config)}\` team` : `members of the ${a.name} team`;
}
