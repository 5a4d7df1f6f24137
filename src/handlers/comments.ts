import type { Context } from "probot";
import { refusal } from "../commands/authorize.js";
import { helpText } from "../commands/help.js";
import { parseCommand } from "../commands/parse.js";
import { COMMANDS, findCommand } from "../commands/index.js";
import type { CommandContext, RecordKind } from "../commands/types.js";
import { listComments, postOnce } from "../github/comments.js";
import { isAppAuthored, isBot, isOwnComment, type CommentAuthor } from "../github/bot-identity.js";
import { evaluateIncident } from "../flows/incident-flow.js";
import { evaluateProblem } from "../flows/problem-flow.js";
import { evaluateRiskAndLinks } from "../flows/risk-flow.js";
import { issueFacts } from "../github/issue-facts.js";
import type { IssueFacts } from "../github/issue-facts.js";
import { loadConfig } from "../github/load-config.js";
import type { HandlerEnv } from "./guard.js";
import { kindOf } from "../records/kinds.js";

/** Marker of the app's reply to one command comment: a redelivery never replies twice. */
export const replyMarker = (commentId: number) => `<!-- ims-reply to=${commentId} -->`;

/** The kind of record an issue or pull request is, from its labels. */
export function recordKind(issue: IssueFacts): RecordKind {
  if (issue.isPullRequest) return "pull request";
  return kindOf(issue.labels) ?? "other issue";
}

/**
 * Someone edited one of the app's comments on a record: the record is evaluated at once, so the edit
 * is reported and its markers stop counting now, not at the next event or sweep (the app's own edits
 * never reach here: the guard skips events its own bot caused).
 */
async function onOwnCommentEdited(context: Context<"issue_comment">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  const issue = issueFacts(p.issue as Parameters<typeof issueFacts>[0]);
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const trigger = { delivery: context.id ?? null, now: env.now() };
  const kind = recordKind(issue);
  context.log.warn({ repo: `${r.owner}/${r.repo}`, issue: issue.number, comment: p.comment.id, sender: p.sender.login, kind }, "someone edited one of the app's comments: its markers no longer count");
  if (kind === "incident") await evaluateIncident(context.octokit, r, issue.number, trigger, context.log);
  else if (kind === "problem") await evaluateProblem(context.octokit, r, issue.number, trigger, context.log);
  // a risk's edited acceptance lapses it: the pull requests linking the risk are re-checked at once
  else if (kind === "risk") await evaluateRiskAndLinks(context.octokit, r, issue.number, trigger, context.log);
}

/** Handles `/ims` commands in new comments (edited comments never re-run a command; bots are ignored). */
export async function onIssueComment(context: Context<"issue_comment">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action === "edited" && isAppAuthored(p.comment as CommentAuthor) && !isBot(p.sender)) return onOwnCommentEdited(context, env);
  if (p.action !== "created" || isBot(p.comment.user) || isBot(p.sender)) return;
  const command = parseCommand(p.comment.body);
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const issue = issueFacts(p.issue as Parameters<typeof issueFacts>[0]);
  if (!command) {
    // A comment by someone other than the reporter can be the first response to an open incident:
    // re-evaluate so the card shows the response and the SLA state at once (not at the next sweep).
    const actor = p.comment.user?.login ?? p.sender.login;
    if (recordKind(issue) === "incident" && issue.state === "open" && actor !== issue.author && issue.labels.some((l) => l.startsWith("priority:"))) {
      await evaluateIncident(context.octokit, r, issue.number, { delivery: context.id ?? null, now: env.now() }, context.log);
    }
    return;
  }
  // A command is answered once: after a restart (or on another instance) a redelivered command whose
  // reply is already there is not run again, so an old `/ims assess` cannot undo a later one.
  const comments = await listComments(context.octokit, r, issue.number);
  if (comments.some((x) => isOwnComment(x) && x.body.includes(replyMarker(p.comment.id)))) {
    context.log.info({ repo: `${r.owner}/${r.repo}`, issue: issue.number, command: command.verb }, "command already answered: not run again");
    return;
  }
  const resolved = await loadConfig(context.octokit, r.owner, r.repo);
  const c: CommandContext = {
    context,
    env,
    command,
    issue,
    kind: recordKind(issue),
    ...r,
    config: resolved.config,
    configErrors: resolved.errors,
    commentId: p.comment.id,
    actor: p.comment.user?.login ?? p.sender.login,
  };
  const reply = await answer(c);
  await postOnce(context.octokit, r, issue.number, [{ marker: replyMarker(p.comment.id), body: reply }], comments);
  context.log.info({ repo: `${r.owner}/${r.repo}`, issue: issue.number, command: command.verb, actor: c.actor }, "command handled");
}

async function answer(c: CommandContext): Promise<string> {
  const cmd = findCommand(c.command.verb);
  const quoted = "`" + c.command.text.replace(/`/g, "'") + "`";
  if (!cmd) return `${quoted} is not an ims-bot command.\n\n${helpText(COMMANDS, c.config)}`;
  if (!cmd.on.includes(c.kind)) return `\`${cmd.usage}\` works on ${cmd.on.join(", ")} records; this is ${c.kind === "other issue" ? "not an IMS record" : `a ${c.kind} record`}. Nothing was changed.`;
  const refused = await refusal(cmd, c);
  if (refused) return refused;
  return cmd.run(c);
}
