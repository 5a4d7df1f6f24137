import type { ConfigProvenance } from "../config-provenance.js";
import type { Catalogue } from "../catalogue.js";
import type { ControlCoverage } from "../bundle/controls-index.js";
import type { BundleStats } from "../bundle/stats.js";
import type { DeploymentsView } from "../bundle/delivery.js";
import type { SpilledItem } from "../bundle/controls-index.js";
import type { ExceptionEntry } from "../exceptions.js";
import type { RecordRows } from "./record-tables.js";
import type { RiskRegister } from "./risks-section.js";
import type { VulnerabilityRegister } from "./vulnerabilities-section.js";

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
  /** The period's exceptions (shown first). */
  exceptions?: readonly ExceptionEntry[];
  /** Ids of the raw API responses in the bundle (raw/<id>.json), so a record links only those it has. */
  rawIds?: ReadonlySet<string>;
  /** The per-record tables. */
  records?: RecordRows;
  /** Problem records by what they are (reviews counted apart from problems). */
  problemRoles?: RecordRows["roles"];
  /** The risk register (by level and treatment, overdue reviews); absent: no risk records were read. */
  risks?: RiskRegister;
  /** Technical vulnerabilities (open by severity, remediation against target, overdue, dismissals); absent: none were read. */
  vulnerabilities?: VulnerabilityRegister;
  /** The first evidence items of each control (by coverage index), for the drill-down. */
  controlItems?: ReadonlyMap<number, readonly SpilledItem[]>;
}
