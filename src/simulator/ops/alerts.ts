import type { Core } from "../core.js";
import { HttpError, validation } from "../errors.js";
import { userByLogin } from "../json/user.js";
import type { Repo } from "../types.js";

/** The three alert kinds: the webhook event and the REST path segment of each. */
export const ALERT_KINDS = {
  dependabot: { event: "dependabot_alert", path: "dependabot" },
  "code-scanning": { event: "code_scanning_alert", path: "code-scanning" },
  "secret-scanning": { event: "secret_scanning_alert", path: "secret-scanning" },
} as const;
export type AlertKind = keyof typeof ALERT_KINDS;

export interface AlertInput {
  /** Dependabot and code scanning: critical, high, medium, low. */
  severity?: "critical" | "high" | "medium" | "low";
  /** Dependabot: the package (`npm/lodash`). */
  package?: string;
  summary?: string;
  /** Secret scanning: the secret type. */
  secretType?: string;
}

/** Where a repository's alerts of one kind live. */
export function alertsOf(core: Core, repo: Repo, kind: AlertKind): Array<Record<string, unknown>> {
  const key = `${repo.owner}/${repo.name}:${kind}`.toLowerCase();
  let list = core.store.alerts.get(key);
  if (!list) core.store.alerts.set(key, (list = []));
  return list;
}

export function alertOf(core: Core, repo: Repo, kind: AlertKind, number: number): Record<string, unknown> {
  const a = alertsOf(core, repo, kind).find((x) => x.number === number);
  if (!a) throw new HttpError(404, "No alert found for alert number " + number);
  return a;
}

function base(core: Core, repo: Repo, kind: AlertKind, number: number): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  return {
    number,
    state: "open",
    created_at: core.now(),
    updated_at: core.now(),
    url: `${core.urls.api}/repos/${full}/${ALERT_KINDS[kind].path}/alerts/${number}`,
    html_url: `${core.urls.html}/${full}/security/${ALERT_KINDS[kind].path}/${number}`,
  };
}

/** Raises a new alert (GitHub's `created`), emitting its webhook. */
export function raiseAlert(core: Core, repo: Repo, kind: AlertKind, input: AlertInput, sender: string): Record<string, unknown> {
  const list = alertsOf(core, repo, kind);
  const number = list.length + 1;
  const a = base(core, repo, kind, number);
  const severity = input.severity ?? "high";
  if (kind === "dependabot") {
    const [ecosystem, name] = (input.package ?? "npm/lodash").split("/") as [string, string];
    const pkg = { ecosystem, name };
    const vuln = { package: pkg, severity, vulnerable_version_range: "< 4.17.21", first_patched_version: { identifier: "4.17.21" } };
    Object.assign(a, {
      dependency: { package: pkg, manifest_path: "package-lock.json", scope: "runtime" },
      security_advisory: {
        ghsa_id: `GHSA-sim${String(number).padStart(1, "0")}-xxxx-xxxx`,
        cve_id: null,
        summary: input.summary ?? `Vulnerability in ${name}`,
        description: input.summary ?? `Vulnerability in ${name}`,
        vulnerabilities: [vuln],
        severity,
        cvss: { vector_string: null, score: 0 },
        cwes: [],
        identifiers: [{ type: "GHSA", value: `GHSA-sim${number}-xxxx-xxxx` }],
        references: [],
        published_at: core.now(),
        updated_at: core.now(),
        withdrawn_at: null,
      },
      security_vulnerability: vuln,
      dismissed_at: null,
      dismissed_by: null,
      dismissed_reason: null,
      dismissed_comment: null,
      fixed_at: null,
      auto_dismissed_at: null,
    });
  } else if (kind === "code-scanning") {
    Object.assign(a, {
      fixed_at: null,
      dismissed_by: null,
      dismissed_at: null,
      dismissed_reason: null,
      dismissed_comment: null,
      rule: { id: "js/sql-injection", severity: "error", security_severity_level: severity, description: input.summary ?? "Database query built from user-controlled sources", tags: ["security"] },
      tool: { name: "CodeQL", guid: null, version: "2.15.0" },
      most_recent_instance: { ref: `refs/heads/${repo.defaultBranch}`, analysis_key: ".github/workflows/codeql.yml:analyze", environment: "{}", category: ".github/workflows/codeql.yml:analyze", state: "open", commit_sha: "0".repeat(40), message: { text: "query" }, location: { path: "src/db.js", start_line: 1, end_line: 1, start_column: 1, end_column: 2 }, classifications: [] },
      instances_url: `${String(a.url)}/instances`,
    });
  } else {
    Object.assign(a, {
      secret_type: input.secretType ?? "github_personal_access_token",
      secret_type_display_name: "GitHub Personal Access Token",
      validity: "unknown",
      publicly_leaked: false,
      multi_repo: false,
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      resolution_comment: null,
      push_protection_bypassed: false,
      push_protection_bypassed_by: null,
      push_protection_bypassed_at: null,
      locations_url: `${String(a.url)}/locations`,
    });
  }
  list.push(a);
  emitAlert(core, repo, kind, "created", a, sender);
  return a;
}

/** A change to an alert as GitHub makes it, and the webhook action it sends. */
export type AlertChange =
  | { action: "fixed" }
  /** GitHub requires a reason (a fixed choice) for Dependabot and code scanning dismissals; the comment is optional. */
  | { action: "dismissed"; reason: string; comment?: string }
  | { action: "reopened" | "reintroduced" | "auto_reopened" | "reopened_by_user" | "appeared_in_branch" }
  | { action: "publicly_leaked" | "validated"; validity?: "active" | "inactive" }
  | { action: "resolved"; resolution: string; comment?: string };

export function changeAlert(core: Core, repo: Repo, kind: AlertKind, number: number, change: AlertChange, sender: string): Record<string, unknown> {
  const a = alertOf(core, repo, kind, number);
  const now = core.now();
  a.updated_at = now;
  let action: string = change.action;
  switch (change.action) {
    case "fixed":
      // code scanning's fixed_at is always null (GitHub's webhook description types it `null`)
      Object.assign(a, { state: "fixed", fixed_at: kind === "code-scanning" ? null : now });
      break;
    case "dismissed":
      // as GitHub's PATCH .../alerts/{n}: "dismissed_reason: Required when state is dismissed"
      if (!change.reason) throw validation("DependabotAlert", "dismissed_reason", "missing_field", "dismissed_reason is required when state is dismissed");
      Object.assign(a, { state: "dismissed", dismissed_at: now, dismissed_by: userByLogin(core, sender), dismissed_reason: change.reason, dismissed_comment: change.comment ?? null });
      // code scanning names a person's dismissal `closed_by_user`
      if (kind === "code-scanning") action = "closed_by_user";
      break;
    case "resolved":
      Object.assign(a, { state: "resolved", resolution: change.resolution, resolved_at: now, resolved_by: userByLogin(core, sender), resolution_comment: change.comment ?? null });
      break;
    case "publicly_leaked":
      a.publicly_leaked = true;
      break;
    case "validated":
      a.validity = change.validity ?? "active";
      break;
    default:
      Object.assign(a, { state: "open", fixed_at: null, dismissed_at: null, dismissed_by: null, dismissed_reason: null, dismissed_comment: null });
      if (kind === "secret-scanning") Object.assign(a, { resolution: null, resolved_at: null, resolved_by: null, resolution_comment: null });
  }
  emitAlert(core, repo, kind, action, a, sender);
  return a;
}

function emitAlert(core: Core, repo: Repo, kind: AlertKind, action: string, alert: Record<string, unknown>, sender: string): void {
  core.emitRepo(ALERT_KINDS[kind].event, repo, sender, { action, alert: structuredClone(alert), ...(kind === "code-scanning" ? { ref: `refs/heads/${repo.defaultBranch}`, commit_oid: "0".repeat(40) } : {}) });
}
