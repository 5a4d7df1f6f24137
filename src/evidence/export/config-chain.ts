import { parse } from "yaml";
import { mergeConfig } from "../../config/merge.js";
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

/**
 * The repository's `.github/ims.yml` as the app reads it (Probot's `context.config`): the repository's
 * file, else the owner's `.github` repository's, then each `_extends` in turn, merged base first.
 * Returns the merged config as YAML-readable text (null: no file anywhere; "" when a file is not
 * valid YAML, so the defaults apply as in the app), and every response read, for raw/.
 */
export async function readConfigChain(client: GitHubClient, owner: string, name: string, opts: { owner: string; repo: string }): Promise<{ text: string | null; fetched: Fetched[] }> {
  const fetched: Fetched[] = [];
  const get = async (o: string, r: string, p: string) => {
    const f = await client.rest(`/repos/${o}/${r}/contents/${p}`, null, `reading ${o}/${r}'s ${p}`, { ...opts, allow: [404] });
    fetched.push(f);
    return fileText(f);
  };
  const texts: string[] = [];
  let text = await get(owner, name, CONFIG_PATH);
  if (text === null && name !== ".github") text = await get(owner, ".github", CONFIG_PATH);
  if (text === null) return { text: null, fetched };
  const seen = new Set<string>();
  for (;;) {
    texts.push(text);
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      return { text: "", fetched };
    }
    const ext = typeof doc === "object" && doc !== null ? (doc as { _extends?: unknown })._extends : undefined;
    if (ext === undefined) break;
    const m = typeof ext === "string" ? EXTENDS.exec(ext) : null;
    if (!m) throw new ExportError(`\`_extends: ${String(ext)}\` in ${opts.repo}'s config chain is not \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\`; fix it in .github/ims.yml`);
    const key = `${m[1] ?? owner}/${m[2]}:${m[3] ?? CONFIG_PATH}`.toLowerCase();
    if (seen.has(key) || seen.size >= MAX_FILES) throw new ExportError(`${opts.repo}'s .github/ims.yml \`_extends\` chain loops or is longer than ${MAX_FILES} files (at ${key}); fix the chain`);
    seen.add(key);
    const next = await get(m[1] ?? owner, m[2]!, m[3] ?? CONFIG_PATH);
    if (next === null) break;
    text = next;
  }
  const docs = texts.map((t) => (parse(t) as unknown) ?? {}).reverse();
  return { text: JSON.stringify(docs.reduce<unknown>((acc, c) => mergeConfig(acc, c), {})), fetched };
}
