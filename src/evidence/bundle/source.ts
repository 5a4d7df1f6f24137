import type { ConfigProvenance } from "../config-provenance.js";
import type { AnyRecord, RawDocument } from "../types.js";
import type { RepoCatalogue } from "../../services/report-data.js";
import type { ExceptionRules } from "../exceptions.js";
import type { DirectPush } from "../export/direct-pushes.js";

/** What the exporter streams into the bundle: records and the API responses they came from, in any order. */
export type BundleEntry = AnyRecord | RawDocument;

/** The input of `writeBundle`: scope of the export and a stream of entries (never all in memory). */
export interface BundleSource {
  /** owner/name of every repository read. */
  repos: string[];
  /** ISO times; the period the records were selected for. */
  period: { from: string; to: string };
  /** API base URL the records were read from, e.g. https://api.github.com. */
  apiUrl: string;
  /** Which config each repository's records were judged by (the exporter's; absent: not known). */
  configs?: ConfigProvenance[];
  /** Each repository's service catalogue and calendars: with it the bundle carries reports/service-report.html and .json. */
  services?: RepoCatalogue[];
  /** Each repository's limits for exceptions (its `.github/ims.yml`); absent: the defaults. */
  exceptionRules?: Record<string, ExceptionRules>;
  /** Direct pushes to each default branch in the period that touched .github/ims.yml or change paths (the exporter's; absent: not read). */
  directPushes?: DirectPush[];
  entries: AsyncIterable<BundleEntry>;
}
