import type { z } from "zod";

/** Where `.github/ims.yml` lives in a repository. */
export const CONFIG_PATH = ".github/ims.yml";

/** One config problem, with file, path, value and what is expected. */
export interface ConfigError {
  file: string;
  path: string;
  value: unknown;
  message: string;
}

/** "`.github/ims.yml`: `sla.targets.P1.respond` must be a duration like `15m` (got `fast`)" */
export function formatConfigError(e: ConfigError): string {
  // a key is text from the file: a backtick in it would end the code span and let the rest render (mentions, HTML)
  const where = e.path ? `\`${e.path.replace(/[`\r\n]/g, "'")}\`` : "the file";
  const got = e.value === undefined ? "" : ` (got \`${preview(e.value)}\`)`;
  return `\`${e.file}\`: ${where} ${e.message}${got}`;
}

/** Turns zod issues into config errors, reading each offending value from the raw input. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, file = CONFIG_PATH): ConfigError[] {
  const out: ConfigError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ file, path: [...path, key].join("."), value: undefined, message: "is not a known setting (check the spelling; see the configuration reference in README)" });
      }
      continue;
    }
    const value = valueAt(raw, path);
    out.push({ file, path: path.join("."), value, message: describe(issue, value) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && issue.code === "invalid_type") return `is required (${issue.expected})`;
  if (issue.code === "invalid_type") return `must be ${article(issue.expected)}`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}`;
  return issue.message.replace(/^Invalid input: /, "");
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function valueAt(raw: unknown, path: string[]): unknown {
  let cur: unknown = raw;
  for (const k of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function preview(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
  const flat = s.replace(/[`\r\n]/g, " ");
  return flat.length > 60 ? flat.slice(0, 57) + "..." : flat;
}
