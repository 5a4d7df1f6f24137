import type { Core } from "./core.js";
import { HttpError } from "./errors.js";

/** GitHub's answer to a write to an archived repository (REST): 403 with this message. */
export const ARCHIVED_MESSAGE = "Repository was archived so is read-only.";

/**
 * An archived repository is read-only: every write under `/repos/{owner}/{repo}` (issues, comments,
 * labels, check runs, refs, contents, pull requests) is refused with 403 "Repository was archived so is
 * read-only.", whoever asks. Reads go on, and so does the one write that can undo it: updating the
 * repository itself (`PATCH /repos/{owner}/{repo}` with `archived: false`, by an admin).
 */
export function refuseArchivedWrite(core: Core, method: string, template: string, params: Record<string, string>): void {
  if (method === "GET" || method === "HEAD" || !params.owner || !params.repo) return;
  if (template === "PATCH /repos/{owner}/{repo}") return;
  const repo = core.store.repos.get(`${params.owner}/${params.repo}`.toLowerCase());
  if (repo?.archived) throw new HttpError(403, ARCHIVED_MESSAGE);
}
