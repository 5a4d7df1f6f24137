import type { Explanation, Status } from "../core/explain.js";
import { md } from "../core/explain.js";
import { activeFreezes, type FreezeConfig } from "../change/freeze.js";
import type { DeployFacts, WalkedCommit } from "./facts.js";
import { DEPLOY_WALK_MAX } from "./names.js";
import { checkWindows, type WindowConfig } from "./window.js";

export interface DeployGateConfig {
  windows: readonly WindowConfig[];
  freezes: readonly FreezeConfig[];
}

export type DeployMode = "prevent" | "detect";

export interface DeployDecision {
  decision: "approved" | "rejected";
  title: string;
  reasons: string[];
  explanation: Explanation;
  changes: Array<{ repo: string; pull: number; record: number | null }>;
  directPushes: string[];
  standardRule?: string;
  emergency?: boolean;
  window?: { open: boolean; nextOpening: string | null };
}

const short = (sha: string): string => sha.slice(0, 7);

/**
 * The deployment gate (pure): the deployed commit is on a target branch, and every commit between the
 * environment's last approved deployment (or the baseline) and it came through a merged pull request
 * whose `IMS / change control` passed at its head; not in a freeze, inside a change window. An approved
 * emergency change passes freezes and windows (its post-implementation review records the deployment).
 */
export function decideDeployment(facts: DeployFacts, config: DeployGateConfig, now: Date): DeployDecision {
  const nodes: Explanation[] = [];
  const reasons: string[] = [];
  const fail = (label: string, detail: string, children?: Explanation[]): void => {
    reasons.push(`${label}: ${detail}`);
    nodes.push({ status: "fail", label, detail: md(detail), ...(children ? { children } : {}) });
  };
  const pass = (label: string, detail: string, children?: Explanation[]): void => void nodes.push({ status: "pass", label, detail: md(detail), ...(children ? { children } : {}) });
  const freeze = activeFreezes([...config.freezes], now);
  const windows = checkWindows(config.windows, now);
  const errors = [...facts.configErrors, ...freeze.errors, ...windows.errors];
  const d = facts.deployment;
  // a commit came through a pull request only when that pull request's merged result is in what is
  // deployed: a commit of a branch whose merge is not (an intermediate commit, a replayed commit before
  // the last) was never the state its gate passed
  const deployedShas = new Set([d.sha, ...facts.commits.map((c) => c.sha)]);
  const delivered = new Set(facts.pulls.filter((p) => p.mergeSha !== null && deployedShas.has(p.mergeSha)).map((p) => p.number));
  const through = (c: WalkedCommit): boolean => c.pulls.some((n) => delivered.has(n));
  const changes = facts.pulls.filter((p) => delivered.has(p.number)).map((p) => ({ repo: facts.repo, pull: p.number, record: p.record }));
  const outside = facts.commits.filter((c) => !through(c));
  const directPushes = outside.map((c) => c.sha);

  if (errors.length > 0) {
    fail("configuration", "invalid, so the gate fails closed until it is fixed", errors.map((e) => ({ status: "fail" as Status, label: md(e) })));
  } else {
    if (facts.onBranch) pass("on a target branch", `${short(d.sha)} is on ${facts.onBranch}`);
    else fail("on a target branch", `${short(d.sha)} (ref ${d.ref}) is not on ${facts.targets.join(", ")}: only what reached a target branch through approved changes is deployed`);
    const from = facts.base.kind === "deployment" ? `since deployment ${facts.base.id} (${short(facts.base.sha)}), the last approved one to ${d.environment}` : facts.base.kind === "baseline" ? `since the baseline ${short(facts.base.sha)} (\`deploy.baseline\`)` : facts.base.kind === "root" ? "since the repository's first commit (`deploy.baseline: root`)" : "over the whole history (no approved deployment yet and no `deploy.baseline`)";
    if (!facts.onBranch) nodes.push({ status: "info", label: "commits walked", detail: md("none: a commit on no target branch is rejected for that alone") });
    else if (facts.truncated) fail("commits walked", `${facts.totalCommits} commits ${from}: more than the ${DEPLOY_WALK_MAX} the gate walks, so it cannot tell they all came through approved changes`);
    else pass("commits walked", `${facts.commits.length + (facts.unexamined ?? 0)} ${from}`);
    if (facts.baseStatus === "diverged" && facts.base.kind === "deployment") {
      nodes.push({ status: "info", label: "history rewritten", detail: md(`${short(facts.base.sha)} (deployment ${facts.base.id}) is no longer in the history of ${short(d.sha)}: the branch was force-pushed; every commit since the histories part is walked`) });
    }
    if (directPushes.length > 0) {
      const why = (c: WalkedCommit): string => (c.pulls.length === 0 ? "a direct push" : `a commit of ${c.pulls.map((n) => `#${n}`).join(", ")}, whose merged result is not deployed`);
      const more = facts.unexamined ? `; ${facts.unexamined} older commit(s) not examined (the deployment is rejected already)` : "";
      fail("every commit came through a pull request", `${directPushes.length} did not (direct pushes, or commits whose pull request's merged result is not in what is deployed): ${directPushes.map(short).join(", ")}${more}`, outside.map((c) => ({ status: "fail" as Status, label: short(c.sha), detail: md(`${c.title}${c.author ? ` by @${c.author}` : ""}: ${why(c)}`) })));
    } else if (facts.commits.length > 0) pass("every commit came through a pull request", `${delivered.size} merged pull request(s)`);
    const state = facts.deployed;
    if (state.mergeOf !== null) pass("the deployed commit is a gated state", `${short(d.sha)} is the merged result of #${state.mergeOf}`);
    else if (state.approvedBefore !== null) pass("the deployed commit is a gated state", `${short(d.sha)} is the commit of deployment ${state.approvedBefore} to ${d.environment}, approved before`);
    else if (facts.base.kind === "baseline" && facts.base.sha === d.sha) pass("the deployed commit is a gated state", `${short(d.sha)} is the baseline (\`deploy.baseline\`)`);
    else fail("the deployed commit is a gated state", `${short(d.sha)} is not the merged result of a pull request (its merge commit, squash commit or last rebased commit) nor the commit of a deployment approved before: only a state the change gate passed is deployed`);
    const unapproved = facts.pulls.filter((p) => p.check !== "success");
    const prNodes: Explanation[] = facts.pulls.map((p) => ({
      status: p.check === "success" ? "pass" : "fail",
      label: `#${p.number}`,
      detail: md(`${p.title}: IMS / change control ${p.check ?? "missing"} at its head ${short(p.headSha)}${p.changeType ? ` (${p.changeType}${p.standardRule ? `: ${p.standardRule}` : ""})` : ""}`),
    }));
    if (unapproved.length > 0) fail("approved changes", `${unapproved.map((p) => `#${p.number}`).join(", ")} did not pass IMS / change control at the head it was merged at`, prNodes);
    else if (facts.pulls.length > 0) pass("approved changes", facts.pulls.map((p) => `#${p.number}`).join(", "), prNodes);
  }
  // as at the merge gate, normal and standard changes wait out a freeze: only when every change deployed
  // is an approved emergency change does the deployment pass one (or a closed change window)
  const deliveredPulls = facts.pulls.filter((p) => delivered.has(p.number) || p.number === facts.deployed.mergeOf);
  const emergency = deliveredPulls.some((p) => p.changeType === "emergency");
  const allEmergency = deliveredPulls.length > 0 && deliveredPulls.every((p) => p.changeType === "emergency");
  const notEmergency = deliveredPulls.filter((p) => p.changeType !== "emergency").map((p) => `#${p.number}`);
  const waiting = notEmergency.length > 0 && emergency ? ` (${notEmergency.join(", ")} ${notEmergency.length === 1 ? "is not an emergency change" : "are not emergency changes"} and must wait)` : "";
  if (errors.length === 0) {
    if (freeze.active.length > 0) {
      const f = freeze.active[0]!;
      if (allEmergency) nodes.push({ status: "info", label: "change freeze", detail: md(`in force (${f.reason}); an approved emergency change passes it`) });
      else fail("change freeze", `${f.reason}: from ${f.from} to ${f.to} (${f.timeZone})${waiting}`);
    }
    if (!windows.open) {
      const when = windows.nextOpening ? `the next window opens at ${windows.nextOpening}` : "no window opens within two weeks";
      if (allEmergency) nodes.push({ status: "info", label: "change window", detail: md(`outside every window; an approved emergency change passes (${when})`) });
      else fail("change window", `outside every change window: ${when}${waiting}`);
    } else if (windows.inside) pass("change window", `inside ${windows.inside.days.join(", ")} ${windows.inside.from}-${windows.inside.to} (${windows.inside.timeZone})`);
  }
  const standardRules = [...new Set(deliveredPulls.map((p) => p.standardRule).filter((r): r is string => r !== null))];
  const rejected = reasons.length > 0;
  const title = rejected ? `Deployment to ${d.environment} rejected: ${reasons[0]}` : emergency ? `Deployment to ${d.environment} approved: emergency change` : standardRules.length > 0 && deliveredPulls.every((p) => p.standardRule) ? `Deployment to ${d.environment} approved: standard change (${standardRules.join(", ")})` : `Deployment to ${d.environment} approved`;
  return {
    decision: rejected ? "rejected" : "approved",
    title: title.slice(0, 250),
    reasons,
    explanation: { status: rejected ? "fail" : "pass", label: `IMS / deployment: ${md(d.environment)}`, detail: md(`deployment ${d.id} of ${short(d.sha)} by @${d.creator}`), children: nodes },
    changes,
    directPushes,
    ...(standardRules.length > 0 ? { standardRule: standardRules.join(", ") } : {}),
    ...(emergency ? { emergency: true } : {}),
    ...(config.windows.length > 0 ? { window: { open: windows.open, nextOpening: windows.nextOpening } } : {}),
  };
}
