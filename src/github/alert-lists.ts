import { codeScanningFacts, dependabotFacts, secretScanningFacts, type AlertFacts, type AlertSource } from "../alerts/facts.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

/**
 * The open alerts of one source (one page of at most `max`, newest first as GitHub lists them), or
 * null when the app cannot read them: the permission is not granted, or the feature is off for the
 * repository (GitHub answers 403 or 404). Dependabot: `vulnerability_alerts: read`; code scanning:
 * `security_events: read`; secret scanning: `secret_scanning_alerts: read`.
 */
export async function listOpenAlerts(octokit: Octokit, r: RepoRef, source: AlertSource, max: number): Promise<AlertFacts[] | null> {
  const per_page = Math.min(Math.max(max, 1), 100);
  try {
    if (source === "dependabot") return (await octokit.rest.dependabot.listAlertsForRepo({ ...r, state: "open", per_page })).data.map(dependabotFacts);
    if (source === "code-scanning") return (await octokit.rest.codeScanning.listAlertsForRepo({ ...r, state: "open", per_page })).data.map(codeScanningFacts);
    return (await octokit.rest.secretScanning.listAlertsForRepo({ ...r, state: "open", per_page })).data.map((a) => secretScanningFacts(a));
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return null;
    throw error;
  }
}

/** One open alert of an organisation-wide list, with the repository it belongs to. */
export interface OrgAlert {
  r: RepoRef;
  alert: AlertFacts;
}

/**
 * Every open alert of one source across an organisation's repositories that the installation can see
 * (`GET /orgs/{org}/{dependabot|code-scanning|secret-scanning}/alerts`, state=open, 100 a page, all
 * pages), or null when the app cannot read them (403/404: the permission is not granted, or the
 * feature is off). Same permissions as the repository lists. One call per 100 alerts, however many
 * repositories the organisation has.
 */
export async function listOrgOpenAlerts(octokit: Octokit, org: string, source: AlertSource): Promise<OrgAlert[] | null> {
  const facts = source === "dependabot" ? dependabotFacts : source === "code-scanning" ? codeScanningFacts : (a: unknown) => secretScanningFacts(a);
  const route =
    source === "dependabot" ? octokit.rest.dependabot.listAlertsForOrg : source === "code-scanning" ? octokit.rest.codeScanning.listAlertsForOrg : octokit.rest.secretScanning.listAlertsForOrg;
  try {
    const items = (await octokit.paginate(route as never, { org, state: "open", per_page: 100 } as never)) as Array<{ repository?: { name?: string; owner?: { login?: string } } }>;
    const out: OrgAlert[] = [];
    for (const item of items) {
      const owner = item.repository?.owner?.login;
      const repo = item.repository?.name;
      if (owner && repo) out.push({ r: { owner, repo }, alert: facts(item) });
    }
    return out;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return null;
    throw error;
  }
}

/**
 * The open Dependabot alerts of the repository in the same group as `a` (same package and severity,
 * `alerts.group`), by number: one list call filtered by package and severity. Null: not readable.
 */
export async function openGroupAlerts(octokit: Octokit, r: RepoRef, a: AlertFacts): Promise<number[] | null> {
  if (a.source !== "dependabot" || !a.package) return [];
  const [ecosystem, ...rest] = a.package.split("/");
  const name = rest.join("/");
  try {
    const listed = (await octokit.paginate(octokit.rest.dependabot.listAlertsForRepo, { ...r, state: "open", ecosystem, package: name, per_page: 100 })).map(dependabotFacts);
    return listed.filter((x) => x.package?.toLowerCase() === a.package!.toLowerCase() && x.severity === a.severity && x.state === "open").map((x) => x.number);
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return null;
    throw error;
  }
}

/**
 * One alert as GitHub holds it now (`GET /repos/{owner}/{repo}/{dependabot|code-scanning|secret-scanning}/alerts/{n}`,
 * same read permissions as the lists), or null when it cannot be read (403/404). A webhook's `alert`
 * can be stale (a failed delivery redelivered later, deliveries out of order); before a record closes
 * or reopens against a person, GitHub's answer decides.
 */
export async function readAlert(octokit: Octokit, r: RepoRef, source: AlertSource, alert_number: number): Promise<AlertFacts | null> {
  try {
    if (source === "dependabot") return dependabotFacts((await octokit.rest.dependabot.getAlert({ ...r, alert_number })).data);
    if (source === "code-scanning") return codeScanningFacts((await octokit.rest.codeScanning.getAlert({ ...r, alert_number })).data);
    return secretScanningFacts((await octokit.rest.secretScanning.getAlert({ ...r, alert_number })).data);
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return null;
    throw error;
  }
}
