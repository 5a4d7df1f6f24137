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
