import type { ImsConfig } from "./schema.js";
import { ConfigSchema } from "./schema.js";
import { rawDefaults, defaultConfig } from "./defaults.js";
import { mergeConfig, isPlainObject } from "./merge.js";
import type { ConfigError } from "./errors.js";
import { CONFIG_PATH, fromZodIssues } from "./errors.js";
import { checkEscalationConfig, checkSlaConfig } from "../sla/check.js";

/** The config a decision runs on, and what was wrong with the repository's file (if anything). */
export interface ResolvedConfig {
  config: ImsConfig;
  errors: ConfigError[];
  /** "defaults" when no file, "repository" when the file was valid, "fallback" when it was invalid. */
  source: "defaults" | "repository" | "fallback";
  /** Every file the config was read from (`_extends` chain included), as `owner/repo` and path; set by the loader. */
  files?: Array<{ repo: string; path: string }>;
}

/**
 * Validates a repository's (already `_extends`-merged) config over the built-in defaults.
 * Invalid: the built-in defaults and the errors (callers say so; security gates fail closed).
 */
export function resolveConfig(raw: unknown, file = CONFIG_PATH): ResolvedConfig {
  if (raw === null || raw === undefined) return { config: defaultConfig(), errors: [], source: "defaults" };
  if (!isPlainObject(raw)) {
    return {
      config: defaultConfig(),
      errors: [{ file, path: "", value: raw, message: "must be a YAML mapping (key: value pairs)" }],
      source: "fallback",
    };
  }
  const merged = mergeConfig(rawDefaults(), raw);
  const parsed = ConfigSchema.safeParse(merged);
  if (parsed.success) {
    const crossErrors = crossCheck(parsed.data, file);
    if (crossErrors.length === 0) return { config: parsed.data, errors: [], source: "repository" };
    return { config: defaultConfig(), errors: crossErrors, source: "fallback" };
  }
  return { config: defaultConfig(), errors: fromZodIssues(parsed.error.issues, merged, file), source: "fallback" };
}

/** Checks that span settings: calendars, durations and escalation level names (src/sla/check.ts). */
function crossCheck(c: ImsConfig, file: string): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [p, t] of Object.entries(c.sla.targets)) {
    if (!(t.calendar in c.sla.calendars)) {
      errors.push({
        file,
        path: `sla.targets.${p}.calendar`,
        value: t.calendar,
        message: `must name a calendar under \`sla.calendars\` (${Object.keys(c.sla.calendars).map((k) => `\`${k}\``).join(", ")})`,
      });
    }
  }
  const seenServices = new Map<string, string>();
  for (const name of Object.keys(c.services)) {
    const key = name.trim().toLowerCase();
    const first = seenServices.get(key);
    if (first !== undefined) errors.push({ file, path: `services.${name}`, value: name, message: `names the same service as \`${first}\` (service names are matched ignoring case and spaces)` });
    else seenServices.set(key, name);
  }
  for (const [name, s] of Object.entries(c.services)) {
    if (!(s.hours in c.sla.calendars)) {
      errors.push({
        file,
        path: `services.${name}.hours`,
        value: s.hours,
        message: `must name a calendar under \`sla.calendars\` (${Object.keys(c.sla.calendars).map((k) => `\`${k}\``).join(", ")})`,
      });
    }
  }
  for (const message of [...checkSlaConfig(c.sla), ...checkEscalationConfig(c.escalation)]) {
    // "sla.targets.P1.respond: `x` is not ..." -> path and message, like the schema's errors
    const at = message.indexOf(": ");
    const path = at > 0 ? message.slice(0, at) : "";
    if (path.endsWith(".calendar") && errors.some((e) => e.path === path)) continue;
    errors.push({ file, path, value: undefined, message: at > 0 ? message.slice(at + 2) : message });
  }
  return errors;
}
