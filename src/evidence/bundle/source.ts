import type { ConfigProvenance } from "../config-provenance.js";
import type { AnyRecord, RawDocument } from "../types.js";

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
  entries: AsyncIterable<BundleEntry>;
}
