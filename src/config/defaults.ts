import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ImsConfig } from "./schema.js";
import { ConfigSchema } from "./schema.js";
import { mergeConfig } from "./merge.js";

/** The folder of default process definitions, beside `src/` (or `lib/` once built). */
export const WORKFLOWS_DIR = fileURLToPath(new URL("../../workflows/", import.meta.url));

/** Default files merged in this order into the built-in defaults. */
export const DEFAULT_FILES = ["incident.yml", "change.yml", "deploy.yml", "alerts.yml"] as const;

/** The raw (unvalidated) built-in defaults, read from `workflows/`. */
export function rawDefaults(): Record<string, unknown> {
  let merged: unknown = {};
  for (const f of DEFAULT_FILES) merged = mergeConfig(merged, parse(readFileSync(WORKFLOWS_DIR + f, "utf8")));
  return merged as Record<string, unknown>;
}

/** Read and validated once, at load: the shipped files are the same for every caller (never handed out, only copies). */
const DEFAULTS: ImsConfig = ConfigSchema.parse(rawDefaults());

/** The built-in defaults, validated by the same schema as `.github/ims.yml` (the app fails to start if the shipped data is broken). */
export function defaultConfig(): ImsConfig {
  return structuredClone(DEFAULTS);
}
