import type { ProbotOctokit } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { resolveConfig } from "../config/resolve.js";
import { CONFIG_PATH } from "../config/errors.js";
import { mergeConfig } from "../config/merge.js";
import { defaultConfig } from "../config/defaults.js";
import { sharedRead } from "./shared-read.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

/**
 * Reads `.github/ims.yml` from the default branch (with `_extends` and the org `.github` repository,
 * as Probot's `context.config` does), validates it, and never throws for a bad file: the errors come
 * back with the built-in defaults. A GitHub error other than "not found" is thrown.
 */
export function loadConfig(octokit: Octokit, owner: string, repo: string, ref?: string): Promise<ResolvedConfig> {
  // concurrent events of one repository share the read in flight (treat the result as read-only)
  return sharedRead(octokit, `config:${owner}/${repo}@${ref ?? ""}`.toLowerCase(), () => readConfig(octokit, owner, repo, ref));
}

async function readConfig(octokit: Octokit, owner: string, repo: string, ref?: string): Promise<ResolvedConfig> {
  try {
    const { config, files } = await octokit.config.get({
      owner,
      repo,
      path: CONFIG_PATH,
      ...(ref ? { branch: ref } : {}),
      defaults: (configs) => configs.reduce<unknown>((acc, c) => mergeConfig(acc, c), {}) as Record<string, unknown>,
    });
    const found = files.some((f) => f.config !== null);
    const missing = missingExtends(files);
    if (missing) return fallback(`names \`${missing}\`, which has no \`${CONFIG_PATH}\` ims-bot can read (is the app installed there?)`);
    const unguarded = unguardedExtends(files, owner, repo);
    if (unguarded) {
      return fallback(
        `names \`${unguarded}\`: a file of another repository other than its \`${CONFIG_PATH}\` is guarded by no change gate there (a pull request that edits it is judged by that repository's own config), so anyone who can write there could weaken this gate. Extend that repository's \`${CONFIG_PATH}\` (\`_extends: owner/repo\`) or keep the file in this repository`,
      );
    }
    const read = files.filter((f) => f.config !== null).map((f) => ({ repo: `${f.owner}/${f.repo}`, path: f.path }));
    return { ...resolveConfig(found ? config : null, CONFIG_PATH), files: read };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    // The config plugin throws for an `_extends` loop or a value that names no repository.
    if (/Recursion detected/.test(message)) return fallback("goes round in a loop (a file extends itself, directly or through others)");
    if (/Invalid value .* for _extends/.test(message)) return fallback("must name a repository like `my-org/.github` or `.github` (optionally `:path/to/file.yml`)");
    if (/could not be parsed|not an object|invalid YAML|is either a directory/i.test(message)) {
      const detail = describeYamlError(error);
      return {
        config: defaultConfig(),
        errors: [{ file: CONFIG_PATH, path: "", value: undefined, message: `is not valid YAML${detail}` }],
        source: "fallback",
      };
    }
    throw error;
  }
}

function fallback(message: string): ResolvedConfig {
  return { config: defaultConfig(), errors: [{ file: CONFIG_PATH, path: "_extends", value: undefined, message }], source: "fallback" };
}

/**
 * The repository an `_extends` named but that gave no file (404: missing, or not readable by the app).
 * The plugin reads the repository's file, then (only when that is missing) the owner's `.github`
 * one, then each file an `_extends` names: a missing file after those first ones was extended.
 */
function missingExtends(files: ReadonlyArray<{ owner: string; repo: string; path: string; config: unknown }>): string | null {
  const firstExtended = files[0]?.config ? 1 : 2;
  const gone = files.slice(firstExtended).find((f) => f.config === null);
  return gone ? `${gone.owner}/${gone.repo}${gone.path === CONFIG_PATH ? "" : `:${gone.path}`}` : null;
}

/**
 * A file of another repository that the config extends and that is not that repository's own
 * `.github/ims.yml`: only that file is gate config there (a pull request editing it is always a
 * change), so anything else would let writers of that repository change this gate unreviewed.
 */
function unguardedExtends(files: ReadonlyArray<{ owner: string; repo: string; path: string; config: unknown }>, owner: string, repo: string): string | null {
  const here = `${owner}/${repo}`.toLowerCase();
  const f = files.find((x) => x.config !== null && `${x.owner}/${x.repo}`.toLowerCase() !== here && x.path !== CONFIG_PATH);
  return f ? `${f.owner}/${f.repo}:${f.path}` : null;
}

function describeYamlError(error: unknown): string {
  const cause = (error as { cause?: { message?: string; linePos?: Array<{ line: number; col: number }> } }).cause;
  if (!cause?.message) return "";
  const first = cause.message.split("\n")[0] ?? "";
  return `: ${first.replace(/`/g, "'")}`;
}
