import { ALERT_SOURCES, type AlertFacts, type AlertSource } from "./facts.js";

/**
 * The alert as the app last saw it, in a hidden marker of its record's body, so the evidence exporter
 * reads the source, number, severity and how it ended (fixed, dismissed by whom and why) as data,
 * never by parsing the sentences written for people.
 */
export interface AlertState {
  source: AlertSource;
  number: number;
  url: string;
  severity: string;
  /** The advisory's package (Dependabot) or the rule / secret type (the summary line). */
  subject: string;
  package: string | null;
  state: AlertFacts["state"];
  dismissedBy: string | null;
  reason: string | null;
  comment: string | null;
  /** The dismissal does not close the record (no reason, or no written justification): open for the security team. */
  lacks: string | null;
  /** GitHub's `created_at` of the alert (when the vulnerability was raised); null in markers written before it was kept. */
  raisedAt: string | null;
  /** GitHub's fixed / dismissed / resolved time of the alert, when it ended and GitHub gives one. */
  endedAt: string | null;
}

const PREFIX = "<!-- ims-alert-state ";
const MARKER = /<!-- ims-alert-state (\S+) -->/;

/** The marker for one alert (URI-encoded JSON: no `-->` can end it early). */
export function alertStateMarker(a: AlertFacts, lacks: string | null): string {
  const s: AlertState = {
    source: a.source,
    number: a.number,
    url: a.url,
    severity: a.severity,
    subject: a.summary.slice(0, 300),
    package: a.package,
    state: a.state,
    dismissedBy: a.dismissedBy,
    reason: a.reason,
    comment: a.comment ? a.comment.slice(0, 1000) : null,
    lacks,
    raisedAt: a.raisedAt ?? null,
    endedAt: a.endedAt ?? null,
  };
  return `${PREFIX}${encodeURIComponent(JSON.stringify(s))} -->`;
}

/** The marker's state read back from a record's body; null when absent or not well formed. */
export function parseAlertState(body: string): AlertState | null {
  const m = MARKER.exec(body);
  if (!m) return null;
  let v: unknown;
  try {
    v = JSON.parse(decodeURIComponent(m[1]!));
  } catch {
    return null;
  }
  const o = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === "string" ? x : null);
  const time = (x: unknown) => (typeof x === "string" && Number.isFinite(Date.parse(x)) ? x : null);
  if (!ALERT_SOURCES.includes(o.source as AlertSource) || !Number.isSafeInteger(o.number) || !["open", "fixed", "dismissed"].includes(String(o.state))) return null;
  return {
    source: o.source as AlertSource,
    number: o.number as number,
    url: str(o.url) ?? "",
    severity: str(o.severity) ?? "unknown",
    subject: str(o.subject) ?? "",
    package: str(o.package),
    state: o.state as AlertFacts["state"],
    dismissedBy: str(o.dismissedBy),
    reason: str(o.reason),
    comment: str(o.comment),
    lacks: str(o.lacks),
    raisedAt: time(o.raisedAt),
    endedAt: time(o.endedAt),
  };
}
