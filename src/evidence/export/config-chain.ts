import { parse } from "yaml";
import { mergeConfig } from "../../config/merge.js";
import { resolveConfig } from "../../config/resolve.js";
import type { ConfigProvenance } from "../config-provenance.js";
import type { Fetched, GitHubClient } from "./client.js";
import { ExportError } from "./errors.js";

const CONFIG_PATH = ".github/ims.yml";
/** `_extends` as Probot's config plugin reads it: `repo`, `owner/repo`, optionally `:path.yml`. */
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;
const MAX_FILES = 10;

/** The text of a file from a Contents API answer (base64), or null when absent. */
function fileText(f: Fetched): string | null {
  if (f.status !== 200) return null;
  const b = f.body as { content?: string; encoding?: string };
  return typeof b?.content === "string" && b.encoding === "base64" ? Buffer.from(b.content, "base64").toString("utf8") : null;
}

export interface ConfigChain {
  /** The merged config as JSON text (null: the built-in defaults apply; "" when a file is not valid YAML). */
  text: string | null;
  /** Every response read, for raw/. */
  fetched: Fetched[];
  provenance: ConfigProvenance;
}

/**
 * The repository's `.github/ims.yml` as the app reads it (Probot's `context.config`,
 * @probot/octokit-plugin-config): the repository's file; only when it has none, the owner's `.github`
 * repository's (not for `.github` itself); then each `_extends` of the last file read, merged base
 * first. A config the app would read but this token cannot is an error, never silently the defaults:
 * GitHub answers 404 both for a repository that does not exist and for a private one the token cannot
 * see, so a 404 for the owner's `.github` repository is accepted as "none" only with `noOrgConfig`.
 */
export async function readConfigChain(
  client: GitHubClient,
  owner: string,
  name: string,
  opts: { owner: string; repo: string; noOrgConfig?: boolean },
): Promise<ConfigChain> {
  const fetched: Fetched[] = [];
  const repo = `${owner}/${name}`;
  const get = async (o: string, r: string, p: string) => {
    const f = await client.rest(`/repos/${o}/${r}/contents/${p}`, null, `reading ${o}/${r}'s ${p}`, { owner: opts.owner, repo: opts.repo, allow: [404] });
    fetched.push(f);
    return fileText(f);
  };
  /** Is the repository there for this token? (A 404 on a file then means the file is absent.) */
  const visible = async (o: string, r: string) => {
    const f = await client.rest(`/repos/${o}/${r}`, null, `reading ${o}/${r}`, { owner: opts.owner, repo: opts.repo, allow: [404] });
    fetched.push(f);
    return f.status === 200;
  };
  const result = (text: string | null, provenance: Omit<ConfigProvenance, "repo">): ConfigChain => ({ text, fetched, provenance: { repo, ...provenance } });
  const files: string[] = [];
  let judgedBy: "repository" | "owner" = "repository";
  let text = await get(owner, name, CONFIG_PATH);
  if (text === null) {
    if (name.toLowerCase() === ".github") return result(null, { judgedBy: "defaults", files, assumed: false, note: `${repo} has no ${CONFIG_PATH} (the owner's .github repository is this one)` });
    judgedBy = "owner";
    text = await get(owner, ".github", CONFIG_PATH);
    if (text === null) {
      if (await visible(owner, ".github")) {
        return result(null, { judgedBy: "defaults", files, assumed: false, note: `neither ${repo} nor ${owner}/.github has ${CONFIG_PATH}` });
      }
      if (!opts.noOrgConfig) {
        throw new ExportError(
          `${repo} has no ${CONFIG_PATH}, so the app reads ${owner}/.github's instead, but this token gets 404 for the repository ${owner}/.github: ` +
            `GitHub answers 404 both when it does not exist and when it is private and the token cannot read it, so the records cannot be judged by the config the app uses. ` +
            `Give the token read access (metadata and contents) to ${owner}/.github (in the ims-evidence workflow: the ims-bot app's token, IMS_APP_ID and IMS_APP_PRIVATE_KEY, since GITHUB_TOKEN reads only its own repository), ` +
            `or pass --no-org-config if ${owner} has no .github repository: the bundle then records that the built-in defaults were assumed`,
          404,
        );
      }
      return result(null, { judgedBy: "defaults", files, assumed: true, note: `${repo} has no ${CONFIG_PATH} and ${owner}/.github answered 404 (absent, or not readable by this token): --no-org-config assumed it has none` });
    }
    files.push(`${owner}/.github:${CONFIG_PATH}`);
  } else files.push(`${repo}:${CONFIG_PATH}`);
  const texts: string[] = [];
  const seen = new Set<string>();
  for (;;) {
    texts.push(text);
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (e) {
      const invalid = `${files.at(-1)} is not valid YAML: ${(e as Error).message.split("\n")[0]!.slice(0, 200)}`;
      return result(null, { judgedBy: "defaults", files, assumed: false, note: `${files.at(-1)} is not valid YAML, so the app runs on its built-in defaults (and its gate fails closed)`, invalid });
    }
    const ext = typeof doc === "object" && doc !== null ? (doc as { _extends?: unknown })._extends : undefined;
    if (ext === undefined) break;
    const m = typeof ext === "string" ? EXTENDS.exec(ext) : null;
    if (!m) throw new ExportError(`\`_extends: ${String(ext)}\` in ${opts.repo}'s config chain is not \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\`; fix it in .github/ims.yml`);
    const [o, r, p] = [m[1] ?? owner, m[2]!, m[3] ?? CONFIG_PATH];
    const key = `${o}/${r}:${p}`.toLowerCase();
    if (seen.has(key) || seen.size >= MAX_FILES) throw new ExportError(`${opts.repo}'s .github/ims.yml \`_extends\` chain loops or is longer than ${MAX_FILES} files (at ${key}); fix the chain`);
    seen.add(key);
    const next = await get(o, r, p);
    if (next === null) {
      const named = `${o}/${r}:${p}`;
      if (!(await visible(o, r))) {
        throw new ExportError(
          `${files.at(-1)} extends ${named}, which the app reads, but this token gets 404 for the repository ${o}/${r} (it does not exist, or the token cannot read it): ` +
            `give the token read access (metadata and contents) to ${o}/${r}, or fix \`_extends\``,
          404,
        );
      }
      // the app flags the config and runs on its defaults when an extended file is missing (src/github/load-config.ts)
      return result(null, { judgedBy: "defaults", files: [...files, named], assumed: false, note: `${files.at(-1)} extends ${named}, which has no such file, so the app runs on its built-in defaults (and its gate fails closed)`, invalid: `${files.at(-1)} extends ${named}, which has no such file` });
    }
    if (`${o}/${r}`.toLowerCase() !== `${opts.owner}/${opts.repo}`.toLowerCase() && p !== CONFIG_PATH) {
      // the app refuses it too: no gate guards that file in its repository (src/github/load-config.ts)
      return result(null, { judgedBy: "defaults", files: [...files, `${o}/${r}:${p}`], assumed: false, note: `${files.at(-1)} extends ${o}/${r}:${p}, a file no change gate guards in its repository, so the app runs on its built-in defaults (and its gate fails closed)`, invalid: `${files.at(-1)} extends ${o}/${r}:${p}, a file no change gate guards in its repository` });
    }
    files.push(`${o}/${r}:${p}`);
    text = next;
  }
  const docs = texts.map((t) => (parse(t) as unknown) ?? {}).reverse();
  const merged = docs.reduce<unknown>((acc, c) => mergeConfig(acc, c), {});
  const resolved = resolveConfig(merged);
  if (resolved.errors.length > 0) {
    const first = resolved.errors[0]!;
    const why = `${first.path ? `${first.path}: ` : ""}${first.message.slice(0, 200)}`;
    return result(JSON.stringify(merged), { judgedBy: "defaults", files, assumed: false, note: `the config is invalid (${why}), so the app runs on its built-in defaults (and its gate fails closed)`, invalid: why });
  }
  const via = files.length > 1 ? `, with _extends` : "";
  return result(JSON.stringify(merged), { judgedBy, files, assumed: false, note: judgedBy === "owner" ? `${repo} has no ${CONFIG_PATH}; the owner's .github repository's applies${via}` : `the repository's own file${via}` });
}
