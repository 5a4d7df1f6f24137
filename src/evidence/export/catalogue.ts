import { readFile } from "node:fs/promises";
import path from "node:path";
import { controlKey, loadDefaultCatalogue, mergeControls, type Catalogue } from "../catalogue.js";
import { configOf } from "./entries.js";
import { ExportError } from "./errors.js";
import type { RepoIndex } from "./gql-types.js";
import type { Spool } from "./spool.js";

/**
 * The control catalogue of an export: `workflows/controls.yml` with each repository's
 * `evidence.controls` (from the `.github/ims.yml` read into the spool) merged over it. Two
 * repositories that define one control differently are an error: the bundle has one catalogue.
 */
export async function exportCatalogue(spool: Spool, repos: readonly string[]): Promise<Catalogue> {
  let catalogue = loadDefaultCatalogue();
  const defined = new Map<string, { repo: string; as: string }>();
  for (const repo of repos) {
    const index = JSON.parse(await readFile(path.join(spool.repoDir(repo), "index.json"), "utf8")) as RepoIndex;
    const overrides = configOf(index).evidence.controls;
    for (const o of overrides) {
      const key = controlKey(o);
      const as = JSON.stringify([o.title, o.evidence]);
      const other = defined.get(key);
      if (other && other.as !== as) {
        throw new ExportError(`${other.repo} and ${repo} define control ${o.catalogue} ${o.id} differently in \`evidence.controls\` of .github/ims.yml; make them agree, or export the repositories separately`);
      }
      defined.set(key, { repo, as });
    }
    try {
      catalogue = mergeControls(catalogue, overrides, `${repo}: .github/ims.yml`);
    } catch (e) {
      throw new ExportError(`${(e as Error).message}; fix it there, or export without that repository`);
    }
  }
  return catalogue;
}
