import type { Context } from "probot";
import { CHANGE_CHECK_NAME } from "../change/facts.js";
import { appId } from "../github/bot-identity.js";
import type { HandlerEnv } from "./guard.js";
import { rerunCommit } from "./merge-groups.js";

/**
 * `check_run` rerequested on our check ("Re-run"): evaluates the commit again, over every open pull
 * request whose head it is (the run's `pull_requests` is not that set: GitHub leaves it empty for a
 * fork's pull request, and a re-run must not let one pull request speak for the commit), or as its
 * merge group when it is a merge queue's commit.
 */
export async function onCheckRun(context: Context<"check_run">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "rerequested" || p.check_run.name !== CHANGE_CHECK_NAME) return;
  const id = appId();
  if (id !== null && p.check_run.app?.id !== undefined && p.check_run.app.id !== id) return;
  await rerunCommit(context, env, p.check_run.head_sha);
}
