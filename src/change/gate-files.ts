import type { ResolvedConfig } from "../config/resolve.js";
import { GATE_CONFIG_PATH } from "./config.js";

/**
 * The files of repository `repo` that make up the gate's config: `.github/ims.yml` and every file of
 * the same repository it pulls in through `_extends` (`_extends: web:.github/ims-base.yml`). Editing
 * any of them edits the gate, so such a pull request is always a change and never a standard one.
 * Files in other repositories (the org's `.github`) are outside this pull request.
 */
export function gateFiles(resolved: Pick<ResolvedConfig, "files">, repo: string): string[] {
  const own = (resolved.files ?? []).filter((f) => f.repo.toLowerCase() === repo.toLowerCase()).map((f) => f.path);
  return [...new Set([GATE_CONFIG_PATH, ...own])];
}

/** The changed files among the gate's config files (a PR's file list, which names both sides of a rename). */
export function gateFilesTouched(files: readonly string[], gate: readonly string[] | undefined): string[] {
  const set = new Set(gate && gate.length > 0 ? gate : [GATE_CONFIG_PATH]);
  return files.filter((f) => set.has(f));
}
