import type { ImsConfig } from "../config/schema.js";
import { CHANGE_CHECK_NAME } from "../change/facts.js";
import { KIND_IDS, type KindId } from "../records/kinds.js";

/**
 * What each `/ims` command is, without what it does: pure, so a record's card (pure) lists the same
 * commands as `/ims help`. The order here is the order of `/ims help` and the cards; each verb's run
 * function is joined to it in commands/index.ts, which does not compile until every verb has one.
 */

/** Who may give a command: anyone, a repository permission level, or members of a configured team. */
export type Audience =
  | { kind: "anyone" }
  | { kind: "permission"; level: "triage" | "write" | "maintain" | "admin" }
  | { kind: "team"; team: (config: ImsConfig) => string; name: string };

/** Where a command applies: a record kind of the registry, a pull request, or any other issue. */
export type RecordKind = KindId | "pull request" | "other issue";

/** A command's name, help, who may use it, and where. */
export interface CommandSpec {
  verb: string;
  usage: string;
  what: string;
  audience: Audience;
  on: readonly RecordKind[];
}

export const COMMAND_SPECS = {
  help: {
    verb: "help",
    usage: "/ims help",
    what: "lists the commands and who may use each",
    audience: { kind: "anyone" },
    on: [...KIND_IDS, "pull request", "other issue"],
  },
  assess: {
    verb: "assess",
    usage: "/ims assess incident|not-incident",
    what: "records the security team's assessment of a security event",
    audience: { kind: "team", team: (config) => config.security.team, name: "security" },
    on: ["incident"],
  },
  major: {
    verb: "major",
    usage: "/ims major",
    what: "declares a major incident: management is notified and a post-incident review is required",
    audience: { kind: "permission", level: "triage" },
    on: ["incident"],
  },
  outage: {
    verb: "outage",
    usage: "/ims outage start|end [time]",
    what: "records when the service outage began or ended (now, or a time like `2026-03-01 09:30 UTC`); availability is measured from it",
    audience: { kind: "permission", level: "triage" },
    on: ["incident"],
  },
  problem: {
    verb: "problem",
    usage: "/ims problem",
    what: "opens a problem record for this incident, linked both ways",
    audience: { kind: "permission", level: "triage" },
    on: ["incident"],
  },
  link: {
    verb: "link",
    usage: "/ims link #N",
    what: "links this incident and problem #N (or this problem and incident #N) both ways; on a risk record, links it and incident, problem or change #N",
    audience: { kind: "permission", level: "triage" },
    on: ["incident", "problem", "risk"],
  },
  "accept-risk": {
    verb: "accept-risk",
    usage: "/ims accept-risk [reason]",
    what: "accepts this risk (treatment `accept`) with who, when and why on the card; at or above `risks.acceptAbove` only a member of the `risks.acceptors` team may",
    // who may is decided by the command itself: below the threshold anyone with triage, at or above it the acceptors
    audience: { kind: "permission", level: "triage" },
    on: ["risk"],
  },
  "known-error": {
    verb: "known-error",
    usage: "/ims known-error",
    what: "marks this problem a known error (root cause or workaround known)",
    audience: { kind: "permission", level: "triage" },
    on: ["problem"],
  },
  recheck: {
    verb: "recheck",
    usage: "/ims recheck",
    what: `evaluates the ${CHANGE_CHECK_NAME} check again and says whether the target branch requires it (at most once per \`change.recheck.minInterval\`)`,
    // harmless to anyone: it writes only the check on the current head, and a fork's contributor needs it too
    audience: { kind: "anyone" },
    on: ["pull request"],
  },
  setup: {
    verb: "setup",
    usage: "/ims setup",
    what: "creates the app's labels and offers the onboarding pull request again (also after a closed one, or with `onboarding: false`)",
    // it writes a branch and a pull request: an admin's decision, as installing the app was
    audience: { kind: "permission", level: "admin" },
    on: ["other issue", "pull request"],
  },
} satisfies Record<string, CommandSpec>;

export type Verb = keyof typeof COMMAND_SPECS;

/** The verbs in the order `/ims help` and the cards list them. */
export const VERBS = Object.keys(COMMAND_SPECS) as Verb[];

/** The commands that apply on a record of this kind (or a pull request, or another issue). */
export function specsOn(kind: RecordKind): CommandSpec[] {
  return VERBS.map((v): CommandSpec => COMMAND_SPECS[v]).filter((s) => s.on.includes(kind));
}

/** Says who may use a command, in words. */
export function describeAudience(a: Audience, config?: ImsConfig): string {
  if (a.kind === "anyone") return "anyone";
  if (a.kind === "permission") return `people with ${a.level} permission or higher`;
  return config ? `members of the \`${a.team(config)}\` team` : `members of the ${a.name} team`;
}
