import type { Context } from "probot";
import { alertTeam, isGrouped } from "../alerts/decide.js";
import { openGroupAlerts, readAlert } from "../github/alert-lists.js";
import { codeScanningFacts, dependabotFacts, secretScanningFacts, type AlertFacts } from "../alerts/facts.js";
import { recordAlert } from "../flows/alert-flow.js";
import { loadConfig } from "../github/load-config.js";
import type { HandlerEnv } from "./guard.js";

type AlertEvent = "dependabot_alert" | "code_scanning_alert" | "secret_scanning_alert";

/** The actions that open, update, close or reopen a record; anything else (e.g. `assigned`) is ignored. */
export const ALERT_ACTIONS: Record<AlertEvent, readonly string[]> = {
  dependabot_alert: ["created", "reopened", "reintroduced", "fixed", "dismissed", "auto_dismissed", "auto_reopened"],
  code_scanning_alert: ["created", "reopened", "appeared_in_branch", "fixed", "closed_by_user", "reopened_by_user"],
  secret_scanning_alert: ["created", "publicly_leaked", "validated", "resolved", "reopened"],
};

/**
 * One security alert event: its record opened once or brought in line, then evaluated as any incident
 * (priority, SLA, routing). A delivery opens one record at most, and none when the installation's
 * content budget has no room: the sweep opens it then (a burst of alerts from one push).
 */
async function onAlert(context: Context<AlertEvent>, env: HandlerEnv, event: AlertEvent, sent: AlertFacts): Promise<void> {
  const p = context.payload as { action: string; repository: { name: string; owner: { login: string } } };
  if (!ALERT_ACTIONS[event].includes(p.action)) return;
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const resolved = await loadConfig(context.octokit, r.owner, r.repo);
  const config = resolved.config;
  if (!config.alerts.enabled) return;
  const team = alertTeam(config, r.owner);
  const now = env.now();
  // A payload that would close the record is checked against GitHub first: a failed delivery
  // redelivered, or deliveries out of order, can say `fixed` of an alert reopened since (one GET).
  let facts = sent;
  if (sent.state !== "open") {
    const current = await readAlert(context.octokit, r, sent.source, sent.number);
    if (!current) {
      context.log.warn({ repo: `${r.owner}/${r.repo}`, rule: "alerts.readBack", source: sent.source, alert: sent.number }, "the alert could not be read back: its record is left as it is");
      return;
    }
    // a secret's exposure is news of its own action; the read-back keeps what the payload said of it
    facts = { ...current, exposed: current.exposed || sent.exposed };
  }
  // a grouped record closes only when no other alert of its package and severity is open
  const groupOpen = facts.state !== "open" && isGrouped(facts, config) ? ((await openGroupAlerts(context.octokit, r, facts)) ?? []) : [];
  // an `open` payload is not read back unless it would reopen a closed record (a failed `reopened`
  // redelivered after the alert was fixed): then GitHub's answer decides (one GET, and the group's list)
  const readBack = sent.state === "open"
    ? async () => {
        const current = await readAlert(context.octokit, r, sent.source, sent.number);
        if (!current) return null;
        const now = { ...current, exposed: current.exposed || sent.exposed };
        return { facts: now, groupOpen: now.state !== "open" && isGrouped(now, config) ? ((await openGroupAlerts(context.octokit, r, now)) ?? []) : [] };
      }
    : undefined;
  const rec = await recordAlert(context.octokit, r, facts, { delivery: context.id ?? null, now, config: resolved, team, groupOpen, via: "webhook", self: env.self, ...(readBack ? { readBack } : {}) }, context.log);
  if (rec.deferred) return;
  context.log.info({ repo: `${r.owner}/${r.repo}`, rule: "alerts.record", source: facts.source, alert: facts.number, issue: rec.number, created: rec.created }, "security alert recorded");
}

export const onDependabotAlert = (context: Context<"dependabot_alert">, env: HandlerEnv) =>
  onAlert(context, env, "dependabot_alert", dependabotFacts(context.payload.alert));
export const onCodeScanningAlert = (context: Context<"code_scanning_alert">, env: HandlerEnv) =>
  onAlert(context, env, "code_scanning_alert", codeScanningFacts(context.payload.alert));
export const onSecretScanningAlert = (context: Context<"secret_scanning_alert">, env: HandlerEnv) =>
  onAlert(context, env, "secret_scanning_alert", secretScanningFacts(context.payload.alert, context.payload.action));
