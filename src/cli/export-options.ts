import { existsSync, readFileSync } from "node:fs";
import { loadPrivateKey } from "../evidence/signing.js";
import type { ExportOptions } from "../evidence/export/run.js";
import { UsageError } from "./usage-error.js";

/** Raw `ims-bot export` flags as commander parsed them. */
export interface ExportFlags {
  repo: string[];
  org?: string;
  from?: string;
  to?: string;
  out?: string;
  format: string;
  key?: string;
  unsigned?: boolean;
  previous?: string;
  apiUrl?: string;
  allowEmpty?: boolean;
  orgConfig?: boolean;
  appLogin?: string;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2026-03-01` or an ISO time with zone; a date alone means its first (from) or last (to) millisecond, UTC. */
export function parseTime(value: string, flag: "--from" | "--to"): string {
  if (DATE.test(value)) {
    const t = Date.parse(`${value}T${flag === "--from" ? "00:00:00.000" : "23:59:59.999"}Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) throw new UsageError(`${flag} is not a real date (got \`${value}\`)`);
    return new Date(t).toISOString();
  }
  const t = Date.parse(value);
  if (!TIME.test(value) || Number.isNaN(t)) {
    throw new UsageError(`${flag} must be a date like 2026-03-01 or a time with zone like 2026-03-01T09:00:00Z (got \`${value}\`)`);
  }
  return new Date(t).toISOString();
}

/** The signing key PEM from --key FILE or IMS_SIGNING_KEY (PEM text or a file path). */
function signingKey(flags: ExportFlags, env: NodeJS.ProcessEnv): string | null {
  const fromEnv = env.IMS_SIGNING_KEY?.trim();
  const source = flags.key ?? fromEnv;
  if (flags.unsigned) {
    if (source) throw new UsageError("--unsigned conflicts with a signing key (--key or IMS_SIGNING_KEY): choose one");
    return null;
  }
  if (!source) throw new UsageError("no signing key: pass --key signing-key.pem, set IMS_SIGNING_KEY, or pass --unsigned to write an UNSIGNED bundle");
  let pem = source;
  if (!source.startsWith("-----BEGIN")) {
    if (!existsSync(source)) throw new UsageError(`signing key file ${source} does not exist (create one with \`ims-bot keygen --out DIR\`)`);
    pem = readFileSync(source, "utf8");
  }
  try {
    loadPrivateKey(pem);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return pem;
}

/** `ims-bot[bot]` or `ims-bot`: the app whose comments and check runs are trusted; null when not given. */
function appLogin(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const slug = value.trim().replace(/\[bot\]$/i, "");
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/.test(slug)) throw new UsageError(`--app-login must be the app's bot login like ims-bot[bot] (got \`${value}\`)`);
  return slug.toLowerCase();
}

/** Validates export flags into ExportOptions; every error names the flag and the value it got. */
export function parseExportOptions(flags: ExportFlags, env: NodeJS.ProcessEnv): ExportOptions {
  for (const r of flags.repo) if (!REPO.test(r)) throw new UsageError(`--repo must be owner/name (got \`${r}\`)`);
  if (flags.org !== undefined && !OWNER.test(flags.org)) throw new UsageError(`--org must be a GitHub owner name (got \`${flags.org}\`)`);
  if (!flags.repo.length && !flags.org) throw new UsageError("say what to export: --repo owner/name (repeatable) or --org owner");
  if (!flags.from || !flags.to) throw new UsageError("--from and --to are required (dates like 2026-03-01)");
  const from = parseTime(flags.from, "--from");
  const to = parseTime(flags.to, "--to");
  if (Date.parse(from) > Date.parse(to)) throw new UsageError(`--from (${flags.from}) is after --to (${flags.to})`);
  if (!flags.out) throw new UsageError("--out is required: the .zip file or folder to write");
  if (existsSync(flags.out)) throw new UsageError(`--out ${flags.out} already exists; bundles are never overwritten`);
  if (flags.format !== "zip" && flags.format !== "dir") throw new UsageError(`--format must be zip or dir (got \`${flags.format}\`)`);
  if (flags.previous !== undefined && !existsSync(flags.previous)) throw new UsageError(`--previous ${flags.previous} does not exist`);
  const apiUrl = flags.apiUrl ?? env.GITHUB_API_URL ?? "https://api.github.com";
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new UsageError(`--api-url must be a URL like https://api.github.com (got \`${apiUrl}\`)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--api-url must be http(s) (got \`${apiUrl}\`)`);
  return {
    repos: [...new Set(flags.repo)],
    org: flags.org ?? null,
    from,
    to,
    out: flags.out,
    format: flags.format,
    signingKeyPem: signingKey(flags, env),
    previous: flags.previous ?? null,
    apiUrl: apiUrl.replace(/\/+$/, ""),
    allowEmpty: flags.allowEmpty ?? false,
    // commander's `--no-org-config` sets orgConfig: false
    noOrgConfig: flags.orgConfig === false,
    appLogin: appLogin(flags.appLogin ?? env.IMS_BOT_LOGIN),
  };
}
