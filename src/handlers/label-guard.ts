import type { Context } from "probot";
import { CHANGE_LABEL, hasLabel } from "../change/config.js";
import { GUARDED_LABEL, INCIDENT_ASSESSMENT_LABEL } from "../change/label-lowering.js";
import { guardLoweringLabel } from "../flows/label-guard.js";
import type { HandlerEnv } from "./guard.js";
import { repoOf } from "./pull-requests.js";

type Labelled = { name?: string } | string | null;
const names = (labels: Labelled[] | undefined): string[] => (labels ?? []).map((l) => (typeof l === "string" ? l : (l?.name ?? ""))).filter(Boolean);

/**
 * `labeled`/`unlabeled` on a pull request or an issue: a change that lowers a decision is put back
 * unless the security team made it (see guardLoweringLabel). On issues, `risk:*` and `change:*` are
 * guarded on change records (`ims:change`); `security:incident` on any issue. Runs before the
 * handlers that evaluate, so they read the labels as put back.
 */
export async function onGuardedLabel(context: Context<"issues"> | Context<"pull_request">, _env: HandlerEnv): Promise<void> {
  const p = context.payload as {
    action: string;
    label?: { name?: string };
    sender: { login: string; type?: string };
    repository: { owner: { login: string }; name: string };
    issue?: { number: number; labels?: Labelled[]; pull_request?: unknown; state?: string };
    pull_request?: { number: number; labels?: Labelled[]; state?: string };
  };
  if (p.action !== "labeled" && p.action !== "unlabeled") return;
  const label = p.label?.name;
  if (!label || !GUARDED_LABEL.test(label)) return;
  const item = p.pull_request ?? p.issue;
  if (!item || item.state === "closed") return;
  const labels = names(item.labels);
  const onRecord = !p.pull_request && !p.issue?.pull_request;
  if (onRecord && label.toLowerCase() !== INCIDENT_ASSESSMENT_LABEL && !hasLabel(labels, CHANGE_LABEL)) return;
  await guardLoweringLabel(context.octokit, repoOf(p), { number: item.number, labels }, { action: p.action, label, sender: p.sender }, context.id ?? null, context.log);
}
