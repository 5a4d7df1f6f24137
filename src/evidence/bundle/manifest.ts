import type { ConfigProvenance } from "../config-provenance.js";
import type { FileDigest } from "./sink.js";

export const MANIFEST_FORMAT = "ims-bot-evidence-bundle/1";
/** Files the manifest does not list: it, its signature, and the checksum list it pins by digest. */
export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.sig";
export const SUMS_PATH = "SHA256SUMS";
export const PUBLIC_KEY_PATH = "keys/signing-key.pub.pem";
export const FINGERPRINT_PATH = "keys/signing-key.fingerprint";

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  tool: { name: string; version: string };
  generatedAt: string;
  source: { apiUrl: string };
  repos: string[];
  period: { from: string; to: string };
  counts: { incidents: number; problems: number; changes: number; deployments?: number; risks?: number; vulnerabilities?: number; raw: number; evidenceItems: number; controls: number; gaps: number; outside?: number; exceptions?: number };
  /** false: no manifest.sig; every report says so. */
  signed: boolean;
  signing: { algorithm: "Ed25519"; envelope: "DSSE"; keyId: string; publicKey: string } | null;
  /** SHA-256 of the previous bundle's manifest.json: the chain. */
  previous: { manifestSha256: string } | null;
  /** Which `.github/ims.yml` (or the defaults) each repository's records were judged by. */
  configs: ConfigProvenance[];
  /** The 20000-1 correspondence is our reading. */
  catalogue: { iso20000Basis: string };
  /** SHA-256 of SHA256SUMS, which lists exactly `files`. */
  sha256sums: string;
  files: FileDigest[];
}

/** coreutils `sha256sum` text for files, sorted by path: `<hex>  <path>\n`. */
export function sha256sumsText(files: readonly FileDigest[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join("");
}
