import type { ProbotOctokit } from "probot";
import type { ResolvedConfig } from "../config/resolve.js";
import { resolveConfig } from "../config/resolve.js";
import { CONFIG_PATH } from "../config/errors.js";
import { mergeConfig } from "../config/merge.js";
import { defaultConfig } from "../config/defaults.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

/**
 * Reads `.github/ims.yml` from the default branch (with `_extends` and the org `.github` repository,
 * as Probot's `context.config` does), validates it, and never throws for a bad file: the errors come
 * back with the built-in defaults. A GitHub error other than "not found" is thrown.
 */
export async function loadConfig(octokit: Octokit, owner: string, repo: string, ref?: string): Promise<ResolvedConfig> {
  try {
    const { config, files } = await octokit.config.get({
      owner,
      repo,
      path: CONFIG_PATH,
      ...(ref ? { branch: ref } : {}),
      defaults: (configs) => configs.reduce<unknown>((acc, c) => mergeConfig(acc, c), {}) as Record<string, unknown>,
    });
    const found = files.some((f) => f.config !== null);
    return resolveConfig(found ? config : null, CONFIG_PATH);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
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

function describeYamlError(error: unknown): string {
  const cause = (error as { cause?: { message?: string; linePos?: Array<{ line: number; col: number }> } }).cause;
  if (!cause?.message) return "";
  const first = cause.message.split("\n")[0] ?? "";
  return `: ${first.replace(/`/g, "'")}`;
}
