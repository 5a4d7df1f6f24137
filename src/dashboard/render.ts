import { createHash } from "node:crypto";
import { formatConfigError } from "../config/errors.js";
import { md } from "../core/explain.js";
import type { DashboardView } from "./sections.js";
import { ALERT_PERMISSIONS, type AlertsStatus } from "../alerts/facts.js";

/** The issue's title (Renovate's `Dependency Dashboard` is found by its title; ours by its marker too). */
export const DASHBOARD_TITLE = "IMS dashboard";
/** First line of the body: how the app finds its own dashboard among the repository's issues. */
export const DASHBOARD_MARKER = "<!-- ims-dashboard -->";
/** Named limit: GitHub refuses an issue body over 65,536 characters. */
export const ISSUE_BODY_MAX = 65_536;
/** Named limit: lines per section, so that one busy section cannot crowd out the others. */
export const SECTION_ROWS_MAX = 100;

const HASH = /<!-- ims-dashboard-hash: ([0-9a-f]{64}) -->/;

const when = (d: Date | null) => (d ? d.toISOString().replace(/:\d\d\.\d{3}Z$/, "Z").replace("T", " ") : "no target");

function section(title: string, rows: string[], empty: string, header?: string): string[] {
  if (rows.length === 0) return [`## ${title}`, "", empty, ""];
  const shown = rows.slice(0, SECTION_ROWS_MAX);
  const more = rows.length - shown.length;
  return [`## ${title} (${rows.length})`, "", ...(header ? [header] : []), ...shown, ...(more > 0 ? [`- ... and ${more} more`] : []), ""];
}

/** Whether security alerts become records here, and which sources cannot be read (the feature is off for them). */
function alertsSection(a: AlertsStatus): string[] {
  if (!a.enabled) return ["## Security alerts", "", "The alerts feature is **off**: `alerts.enabled` is false in `.github/ims.yml`.", ""];
  if (a.unreadable.length === 0) return ["## Security alerts", "", "On: Dependabot, code scanning and secret scanning alerts become security-event records.", ""];
  const all = a.unreadable.length === Object.keys(ALERT_PERMISSIONS).length;
  return section(
    all ? "Security alerts: the feature is off" : "Security alerts: off for some sources",
    a.unreadable.map((s) => `- ${s}: the app cannot read its alerts; grant \`${ALERT_PERMISSIONS[s]}: read\` (an organisation owner accepts it under Settings > GitHub Apps > ims-bot), or turn ${s} on for the repository`),
    "",
  );
}

/** The dashboard's Markdown content without its markers: the same view renders the same text. */
export function renderContent(v: DashboardView): string {
  const table = "| | Priority | SLA | Resolve by (UTC) |\n|---|---|---|---|";
  const lines = [
    "This issue is kept up to date by ims-bot: what waits for someone in this repository. Edit `.github/ims.yml` (`dashboard: false`) to turn it off.",
    "",
    ...section("Open incidents by priority", v.incidents.map((i) => `| #${i.number} ${md(i.title)} | ${i.priority ?? "-"} | ${i.sla} | ${when(i.due)} |`), "No open incidents.", table),
    ...section("Security events waiting for assessment", v.securityEvents.map((r) => `- #${r.number} ${md(r.title)}: \`/ims assess incident\` or \`/ims assess event\` by the security team`), "None."),
    ...section("Major incidents", v.major.map((r) => `- #${r.number} ${md(r.title)}`), "None."),
    ...section("Problems and known errors", v.problems.map((r) => `- #${r.number} ${md(r.title)}${r.knownError ? " (known error)" : ""}`), "None."),
    ...section("Change pull requests", v.changes.map((c) => `- #${c.number} ${md(c.title)}: waits for ${md(c.waitsFor)}`), "No open change pull requests."),
    ...(v.changesNotRead > 0 ? [`(${v.changesNotRead} more open pull requests were not read: the dashboard reads the newest ones only.)`, ""] : []),
    ...section("Post-implementation reviews due", v.reviews.map((r) => `- #${r.number} ${md(r.title)}: ${r.overdue ? "**overdue**, was due" : "due"} ${when(r.due)}`), "None."),
    ...section("Config errors", v.facts.configErrors.map((e) => `- ${formatConfigError(e)}`), "None: `.github/ims.yml` is valid."),
    ...section("Teams the config names that do not exist", v.facts.missingTeams.map((t) => `- \`@${md(t)}\`: create it under the organisation's Teams, or name another team in \`.github/ims.yml\``), "None."),
    ...(v.facts.flaggedDeployments?.length
      ? section("Deployments not approved (detected after they ran)", v.facts.flaggedDeployments.map((d) => `- deployment ${d.id} to ${md(d.environment)} of \`${d.sha.slice(0, 7)}\` by ${md(`@${d.creator}`)}: ${md(d.title)}`), "")
      : []),
    ...(v.facts.alerts ? alertsSection(v.facts.alerts) : []),
    ...(v.facts.missingPermissions.length
      ? section("Permissions not accepted", v.facts.missingPermissions.map((p) => `- \`${md(p)}\`: an organisation owner accepts it under Settings > GitHub Apps > ims-bot`), "")
      : []),
  ];
  return lines.join("\n").trimEnd();
}

/** A content hash: the body is written only when it changes (allstar's "Current result text hash"). */
export const contentHash = (content: string): string => createHash("sha256").update(content).digest("hex");

/** The issue body: marker, hash, content (cut to GitHub's limit, with a note). */
export function renderBody(content: string): { body: string; hash: string } {
  const hash = contentHash(content);
  const head = `${DASHBOARD_MARKER}\n<!-- ims-dashboard-hash: ${hash} -->\n`;
  const note = "\n\n(cut: the dashboard is longer than GitHub allows an issue body)";
  const room = ISSUE_BODY_MAX - head.length;
  const text = content.length <= room ? content : content.slice(0, room - note.length) + note;
  return { body: head + text, hash };
}

/** The content hash an existing dashboard body carries; null when none. */
export function hashOf(body: string | null | undefined): string | null {
  return HASH.exec(body ?? "")?.[1] ?? null;
}

/** Is this body one of our dashboards? */
export const isDashboardBody = (body: string | null | undefined): boolean => (body ?? "").startsWith(DASHBOARD_MARKER);
