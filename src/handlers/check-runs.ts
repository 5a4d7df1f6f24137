import type { Context } from "probot";
import { CHANGE_CHECK_NAME } from "../change/facts.js";
import { evaluatePullRequest } from "../flows/change-flow.js";
import { intervalMs } from "../change/recheck-limit.js";
import { appId } from "../github/bot-identity.js";
import { gateHead, stampRequestedEvaluation } from "../github/last-evaluation.js";
import { loadConfig } from "../github/load-config.js";
import { pullsWithHead } from "../github/linking-pulls.js";
import type { HandlerEnv } from "./guard.js";
import { repoOf } from "./pull-requests.js";

/** `check_run` rerequested on our check ("Re-run"): evaluates its pull requests again. */
export async function onCheckRun(context: Context<"check_run">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== "rerequested" || p.check_run.name !== CHANGE_CHECK_NAME) return;
  const id = appId();
  if (id !== null && p.check_run.app?.id !== undefined && p.check_run.app.id !== id) return;
  const r = repoOf(p);
  const now = env.now();
  const config = await loadConfig(context.octokit, r.owner, r.repo);
  const gate = await gateHead(context.octokit, r, p.check_run.head_sha, now, intervalMs(config.config.change.recheck.minInterval));
  if (!gate.verdict.allowed) {
    // a re-run has no reply: the check stays as it is, and the log says why
    context.log.info({ repo: `${r.owner}/${r.repo}`, head: gate.headSha, rule: "change.recheck", last: gate.verdict.last, next: gate.verdict.next }, "re-run refused: evaluated on request too recently");
    return;
  }
  // GitHub leaves `pull_requests` empty for a fork's pull request: find it by its head instead
  const listed = p.check_run.pull_requests.map((x) => x.number);
  const numbers = listed.length > 0 ? listed : await pullsWithHead(context.octokit, r, p.check_run.head_sha);
  let written: number | null = null;
  for (const n of numbers) {
    const e = await evaluatePullRequest(context.octokit, r, n, { delivery: context.id ?? null, now, config }, context.log);
    written = e.checkId ?? written;
  }
  if (written !== null && !(await stampRequestedEvaluation(context.octokit, r, written, now)).stamped) {
    context.log.warn({ repo: `${r.owner}/${r.repo}`, head: gate.headSha, rule: "change.recheck", check: written }, "re-run evaluated, but GitHub refused to record it on the check run: the next re-run is not limited");
  }
}
