import type { AlertsStatus } from "../alerts/facts.js";
import type { ConfigError } from "../config/errors.js";

/** An open issue as the repository's open-issue list shows it (pull requests left out). */
export interface ListedRecord {
  number: number;
  title: string;
  labels: string[];
  createdAt: string;
  /** Only the app's own issues carry markers the dashboard trusts (a review's due date). */
  body: string | null;
  openedByBot: boolean;
}

/** An open pull request with this app's newest `IMS / change control` run on its head. */
export interface ChangePull {
  number: number;
  title: string;
  /** null: no run of ours yet (the app has not evaluated it). */
  run: { status: string; conclusion: string | null; title: string | null } | null;
}

/** Everything the dashboard shows, read from GitHub once (plain data). */
export interface DashboardFacts {
  repo: string;
  records: ListedRecord[];
  changes: ChangePull[];
  /** The open pull requests beyond those whose runs were read (named limit). */
  changesNotRead: number;
  configErrors: ConfigError[];
  /** Teams the config names (`org/slug`) that the organisation does not have (or the app cannot see). */
  missingTeams: string[];
  /** Recent deployments to a gated environment that the gate did not approve, detected after they ran. */
  flaggedDeployments?: FlaggedDeployment[];
  /** Permissions the installation has not accepted, when known (shown so an admin can accept them). */
  missingPermissions: string[];
  /** The security alerts feature (issue 13): off by config, or sources the app cannot read. */
  alerts?: AlertsStatus;
}

/** A deployment the detective control flagged (no protection rule decided it; it was not an approved change). */
export interface FlaggedDeployment {
  id: number;
  environment: string;
  sha: string;
  creator: string;
  /** The gate's check-run title (why). */
  title: string;
}
