import type { ConfigProvenance } from "../config-provenance.js";
import type { Catalogue } from "../catalogue.js";
import type { ControlCoverage } from "../bundle/controls-index.js";
import type { BundleStats } from "../bundle/stats.js";
import type { DeploymentsView } from "../bundle/delivery.js";

/** Everything report.html shows; built by the bundle writer before the manifest. */
export interface ReportData {
  tool: { name: string; version: string };
  generatedAt: string;
  repos: string[];
  period: { from: string; to: string };
  apiUrl: string;
  signed: boolean;
  fingerprint: string | null;
  previous: string | null;
  rawDocuments: number;
  stats: BundleStats;
  coverage: ControlCoverage[];
  catalogues: Catalogue["catalogues"];
  verifyCommands: string;
  /** Which config each repository's records were judged by. */
  configs: ConfigProvenance[];
  /** Deployments per environment and DORA's four keys (absent: a bundle written without them). */
  deployments?: DeploymentsView;
}
