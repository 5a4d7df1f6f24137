import type { Context } from "probot";
import { evaluatePullRequest } from "../flows/change-flow.js";
import { isCreationEcho } from "./echo.js";
import type { HandlerEnv } from "./guard.js";
import { isKindLabel } from "../records/kinds.js";

/** Labels whose change can alter the change-control result (trigger filtering). */
export function isChangeRelevantLabel(name: string): boolean {
  return isKindLabel(name, "change") || /^(change:|risk:)/i.test(name);
}

const PR_ACTIONS: ReadonlySet<string> = new Set(["opened", "reopened", "synchronize", "edited", "labeled", "unlabeled", "ready_for_review"]);

/** `pull_request`: re-evaluates the change-control check when the head, body, base or a relevant label changed. */
export async function onPullRequest(context: Context<"pull_request">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!PR_ACTIONS.has(p.action) || isCreationEcho(p)) return;
  if (p.action === "edited") {
    const changes = (p as { changes?: Record<string, unknown> }).changes ?? {};
    // a title edit cannot change the result; a body edit can (links), and so can a new base branch
    if (!("body" in changes) && !("base" in changes)) return;
  }
  if (p.action === "labeled" || p.action === "unlabeled") {
    const name = (p as { label?: { name?: string } }).label?.name ?? "";
    if (!isChangeRelevantLabel(name)) return;
  }
  if (p.pull_request.state !== "open") return;
  const pusher = p.action === "synchronize" ? { login: p.sender.login, before: p.before, after: p.after } : null;
  await evaluatePullRequest(context.octokit, repoOf(p), p.pull_request.number, { delivery: context.id ?? null, now: env.now(), pusher }, context.log, p.pull_request.head.sha);
}

/** `pull_request_review` submitted, edited or dismissed: approvals are what the check counts. */
export async function onPullRequestReview(context: Context<"pull_request_review">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (!["submitted", "edited", "dismissed"].includes(p.action)) return;
  if (p.pull_request.state !== "open") return;
  await evaluatePullRequest(context.octokit, repoOf(p), p.pull_request.number, { delivery: context.id ?? null, now: env.now() }, context.log, p.pull_request.head.sha);
}

export function repoOf(p: { repository: { owner: { login: string }; name: string } }): { owner: string; repo: string } {
  return { owner: p.repository.owner.login, repo: p.repository.name };
}
