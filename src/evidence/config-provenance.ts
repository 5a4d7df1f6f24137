/**
 * Which `.github/ims.yml` a repository's records were judged by (SLA targets, escalation levels,
 * controls), as the app itself resolves it: the repository's file, else the owner's `.github`
 * repository's, then each `_extends`; none, or an invalid one, means the built-in defaults.
 */
export interface ConfigProvenance {
  repo: string;
  /** "repository": its own file; "owner": the owner's `.github` repository's (it has none); "defaults": the built-in defaults. */
  judgedBy: "repository" | "owner" | "defaults";
  /** The files read, as `owner/name:path`, in the order the app reads them (each `_extends` after the file naming it). */
  files: string[];
  /** Defaults assumed without proof: `--no-org-config` while the owner's `.github` repository answered 404. */
  assumed: boolean;
  /** In words, for the report and stderr. */
  note: string;
  /**
   * Set when the config the app would read is invalid (not YAML, against the schema, an `_extends`
   * the app refuses): why, in words. The app then runs on its defaults and its IMS / config check
   * fails; the export says so as an error and judges the records by the defaults too.
   */
  invalid?: string;
}

/** The export's error line for an invalid config; null when the config is valid. */
export function invalidConfigLine(p: ConfigProvenance): string | null {
  if (!p.invalid) return null;
  return `error: ${p.repo}: .github/ims.yml is invalid (${p.invalid}); its records are judged by the built-in defaults, as the app judges them (its IMS / config check fails). Fix the file and export again.`;
}

/** One line for stderr and the report: "acme/web: judged by acme/.github:.github/ims.yml (…)". */
export function describeProvenance(p: ConfigProvenance): string {
  const what = p.judgedBy === "defaults" ? "the built-in defaults" : p.files.join(" + ");
  return `${p.repo}: records judged by ${what}${p.assumed ? " (ASSUMED: --no-org-config)" : ""}; ${p.note}`;
}
