import { md } from "../core/explain.js";
import type { CommitFacts, HistoryFacts, PushFacts } from "./facts.js";
import { sameLogin } from "./identity.js";

const SOURCE: Record<PushFacts["source"], string> = {
  activity: "GitHub's repository activity",
  timeline: "the pull request's timeline",
  webhook: "the push webhook",
};

/**
 * Whether `login` pushed to the pull request's head branch. Git metadata proves nothing about who
 * wrote a commit (anyone can commit under the author's name and address); the account that pushed is
 * what GitHub records, so a pusher is never an independent reviewer. Null: no push by that account.
 */
export function pushedBy(login: string, history: HistoryFacts | undefined, commits: CommitFacts[] = [], allowTargetMerges = false): { reason: string; unknown: boolean } | null {
  if (!history) return null;
  const push = history.pushes.find((p) => sameLogin(p.actor, login) && !(allowTargetMerges && onlyMergesTarget(p, commits)));
  if (push) {
    const kind = push.kind === "force_push" ? "force-pushed" : push.kind === "branch_creation" ? "created and pushed" : push.kind === "pr_merge" ? "merged a pull request" : "pushed";
    if (push.commit) return { reason: `pushed commit ${md(push.commit.slice(0, 7))} of the pull request to ${md(push.ref)}${push.at ? ` at ${md(push.at)}` : ""} (${SOURCE[push.source]})`, unknown: false };
    return { reason: `${kind} to ${md(push.ref)}${push.at ? ` at ${md(push.at)}` : ""} (${SOURCE[push.source]})`, unknown: false };
  }
  if (history.unknown) return { reason: history.unknown, unknown: true };
  if (!history.checked.includes(login.toLowerCase())) return { reason: "whether this account pushed to the pull request was not read", unknown: true };
  return null;
}

/**
 * A push that only added one merge of the target ("Update branch"): the pusher wrote nothing that is
 * not already on the target, so pressing the button does not cost a reviewer their independence.
 */
function onlyMergesTarget(p: PushFacts, commits: CommitFacts[]): boolean {
  if (!p.before || !p.after || p.kind !== "push") return false;
  const merge = commits.find((c) => c.sha === p.after);
  return merge !== undefined && merge.mergesTargetOnly && merge.parents[0] === p.before;
}
