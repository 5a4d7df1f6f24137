/** What `ims-bot export` asks for, validated by the CLI. */
export interface ExportOptions {
  /** owner/name of each repository to read. */
  repos: string[];
  /** Read every repository of this owner (in addition to `repos`). */
  org: string | null;
  /** ISO times, `from` inclusive, `to` inclusive (a date means its whole day, UTC). */
  from: string;
  to: string;
  /** The .zip file or folder to write; must not exist. */
  out: string;
  format: "zip" | "dir";
  /** Ed25519 private key PEM; null writes an UNSIGNED bundle (only with --unsigned). */
  signingKeyPem: string | null;
  /** The previous bundle to chain to. */
  previous: string | null;
  /** GitHub API base URL, e.g. https://api.github.com. */
  apiUrl: string;
}

/** Runs an export; placeholder until the exporter that reads GitHub is wired in. */
export async function runExport(_options: ExportOptions): Promise<void> {
  throw new Error("export: not wired yet");
}
