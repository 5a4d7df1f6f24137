import type { AlertSeverity } from "../config/schema.js";

/** The three GitHub alert sources, as their `source:` labels spell them. */
export const ALERT_SOURCES = ["dependabot", "code-scanning", "secret-scanning"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** The read permission each source's alerts need (GitHub: Dependabot alerts, Code scanning alerts, Secret scanning alerts). */
export const ALERT_PERMISSIONS: Readonly<Record<AlertSource, string>> = {
  dependabot: "vulnerability_alerts",
  "code-scanning": "security_events",
  "secret-scanning": "secret_scanning_alerts",
};

/** Whether the alerts feature is on for a repository, as the dashboard shows it. */
export interface AlertsStatus {
  enabled: boolean;
  /** Sources whose alerts the app could not read at the last listing (permission not granted, or the feature off on GitHub). */
  unreadable: AlertSource[];
}

/** What the app reads of one security alert (a webhook's `alert`, or one item of a REST list), as plain data. */
export interface AlertFacts {
  source: AlertSource;
  number: number;
  /** critical, high, medium, low; `secret` for secret scanning. */
  severity: AlertSeverity;
  /** One line saying what the alert is (the advisory summary, the rule, the secret type). */
  summary: string;
  url: string;
  state: "open" | "fixed" | "dismissed";
  /** Who dismissed or resolved it, and why (null: no reason given). */
  dismissedBy: string | null;
  reason: string | null;
  /** The dismisser's written justification (GitHub's optional comment; the reason is a fixed choice). */
  comment: string | null;
  /** Dismissed by a rule (Dependabot's auto-triage), not by a person: the rule is the justification. */
  byRule?: boolean;
  /** A secret that leaked publicly or is validated as active: confidentiality impact. */
  exposed: boolean;
  /** Dependabot: `npm/lodash`, for grouping by package and severity. */
  package: string | null;
  /** When GitHub raised the alert, and when it was fixed, dismissed or resolved (null or absent: not said). */
  raisedAt?: string | null;
  endedAt?: string | null;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === "object" && v !== null ? (v as Loose) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const login = (v: unknown): string | null => str(obj(v).login);

function level(raw: string | null): AlertSeverity {
  const s = (raw ?? "").toLowerCase();
  if (s === "critical" || s === "high" || s === "medium" || s === "low") return s;
  if (s === "moderate") return "medium";
  if (s === "error") return "high";
  if (s === "warning") return "medium";
  return "low";
}

/** Reads a Dependabot alert (webhook `alert` or `GET /repos/{owner}/{repo}/dependabot/alerts` item). */
export function dependabotFacts(raw: unknown): AlertFacts {
  const a = obj(raw);
  const adv = obj(a.security_advisory);
  const vuln = obj(a.security_vulnerability);
  const pkg = obj(obj(a.dependency).package);
  const state = str(a.state);
  const name = str(pkg.name);
  return {
    source: "dependabot",
    number: Number(a.number),
    severity: level(str(vuln.severity) ?? str(adv.severity)),
    summary: `${str(adv.ghsa_id) ?? "advisory"} in ${name ?? "a dependency"}: ${str(adv.summary) ?? "vulnerable dependency"}`,
    url: str(a.html_url) ?? "",
    state: state === "fixed" ? "fixed" : state === "dismissed" || state === "auto_dismissed" ? "dismissed" : "open",
    dismissedBy: state === "auto_dismissed" ? "dependabot" : login(a.dismissed_by),
    reason: str(a.dismissed_reason) ?? (state === "auto_dismissed" ? "auto-dismissed by a Dependabot rule" : null),
    comment: str(a.dismissed_comment),
    byRule: state === "auto_dismissed",
    exposed: false,
    package: name ? `${str(pkg.ecosystem) ?? "unknown"}/${name}` : null,
    raisedAt: str(a.created_at),
    endedAt: state === "fixed" ? str(a.fixed_at) : state === "dismissed" ? str(a.dismissed_at) : state === "auto_dismissed" ? str(a.auto_dismissed_at) : null,
  };
}

/** Reads a code scanning alert. */
export function codeScanningFacts(raw: unknown): AlertFacts {
  const a = obj(raw);
  const rule = obj(a.rule);
  const state = str(a.state);
  return {
    source: "code-scanning",
    number: Number(a.number),
    severity: level(str(rule.security_severity_level) ?? str(rule.severity)),
    summary: `${str(obj(a.tool).name) ?? "code scanning"}: ${str(rule.description) ?? str(rule.id) ?? "alert"}`,
    url: str(a.html_url) ?? "",
    state: state === "fixed" ? "fixed" : state === "dismissed" ? "dismissed" : "open",
    dismissedBy: login(a.dismissed_by),
    reason: str(a.dismissed_reason),
    comment: str(a.dismissed_comment),
    exposed: false,
    package: null,
    raisedAt: str(a.created_at),
    endedAt: state === "fixed" ? str(a.fixed_at) : state === "dismissed" ? str(a.dismissed_at) : null,
  };
}

/** Reads a secret scanning alert: resolved as `revoked` is fixed, any other resolution a dismissal. */
export function secretScanningFacts(raw: unknown, action?: string): AlertFacts {
  const a = obj(raw);
  const resolution = str(a.resolution);
  const resolved = str(a.state) === "resolved";
  return {
    source: "secret-scanning",
    number: Number(a.number),
    severity: "secret",
    summary: `secret: ${str(a.secret_type_display_name) ?? str(a.secret_type) ?? "a secret"}`,
    url: str(a.html_url) ?? "",
    state: !resolved ? "open" : resolution === "revoked" ? "fixed" : "dismissed",
    dismissedBy: login(a.resolved_by),
    reason: resolved && resolution !== "revoked" ? resolution : null,
    comment: str(a.resolution_comment),
    exposed: action === "publicly_leaked" || a.publicly_leaked === true || str(a.validity) === "active",
    package: null,
    raisedAt: str(a.created_at),
    endedAt: resolved ? str(a.resolved_at) : null,
  };
}
