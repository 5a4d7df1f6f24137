import type { Context } from "probot";
import { ALERT_GUARDED_LABEL, alertKeyIn } from "../alerts/decide.js";
import { GUARDED_LABEL } from "../change/label-lowering.js";
import { isOwnComment, type CommentAuthor } from "../github/bot-identity.js";
import { guardLoweringLabel } from "../flows/label-guard.js";
import type { HandlerEnv } from "./guard.js";
import { repoOf } from "./pull-requests.js";
import { labelNames } from "../core/labels.js";

type Labelled = { name?: string } | string | null;
const names = (labels: Labelled[] | undefined): string[] => labelNames(labels);

/**
 * `labeled`/`unlabeled` on a pull request or an issue: a change that lowers a decision is put back
 * unless the security team made it (see guardLoweringLabel), on any issue or pull request, open or
 * closed (these labels mean nothing but a change's risk, type or assessment). Runs before the
 * handlers that evaluate, so they read the labels as put back.
 */
export async function onGuardedLabel(context: Context<"issues"> | Context<"pull_request">, _env: HandlerEnv): Promise<void> {
  const p = context.payload as {
    action: string;
    label?: { name?: string };
    sender: { login: string; type?: string };
    repository: { owner: { login: string }; name: string };
    issue?: { number: number; labels?: Labelled[]; pull_request?: unknown; state?: string; body?: string | null } & CommentAuthor;
    pull_request?: { number: number; labels?: Labelled[]; state?: string; merged?: boolean; user?: { login: string } | null };
  };
  if (p.action !== "labeled" && p.action !== "unlabeled") return;
  const label = p.label?.name;
  if (!label) return;
  // a security alert's record: the app's own issue carrying an alert's marker (a person's copy is not one)
  const alertRecord = !p.pull_request && !!p.issue && isOwnComment(p.issue) && alertKeyIn(p.issue.body) !== null;
  if (!GUARDED_LABEL.test(label) && !(alertRecord && ALERT_GUARDED_LABEL.test(label))) return;
  const item = p.pull_request ?? p.issue;
  // A closed item is guarded too, and an issue whatever its other labels: otherwise closing it (or
  // taking `ims:change` off it) first, lowering, then reopening it (or labelling it again) would keep
  // the lowering. Only a merged pull request, which cannot reopen, has nothing left to decide.
  if (!item || p.pull_request?.merged) return;
  const labels = names(item.labels);
  await guardLoweringLabel(context.octokit, repoOf(p), { number: item.number, labels, author: p.pull_request?.user?.login ?? null, alertRecord }, { action: p.action, label, sender: p.sender }, context.id ?? null, context.log);
}
