import { CHANGE_CHECK_NAME } from "../change/facts.js";
import type { Conclusion } from "../change/policy.js";
import type { CheckOutput } from "../change/render.js";
import { appId } from "./bot-identity.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

export type CheckWrite = "created" | "updated" | "unchanged" | "dropped";

/** Named limit: heads whose check run this process remembers (saves the lookup on re-evaluation). */
export const CHECK_MEMORY = 5_000;

interface Written {
  id: number;
  conclusion: Conclusion;
  title: string;
  summary: string;
}
const written = new Map<string, Written>();
const memoryKey = (r: RepoRef, sha: string) => `${r.owner}/${r.repo}@${sha}`.toLowerCase();

function remember(r: RepoRef, sha: string, w: Written): void {
  written.delete(memoryKey(r, sha));
  written.set(memoryKey(r, sha), w);
  if (written.size > CHECK_MEMORY) written.delete(written.keys().next().value!);
}

/** Forgets remembered check runs (tests start from a clean process state). */
export function forgetCheckRuns(): void {
  written.clear();
}

export interface CheckRequest {
  number: number;
  /** The head the result was computed for. */
  headSha: string;
  /** ETag of the pull request as read for the facts: a 304 proves the head did not move, at no rate-limit cost. */
  etag: string | null;
  conclusion: Conclusion;
  output: CheckOutput;
  now: Date;
}

/**
 * Creates or updates `IMS / change control` on the head the result was computed for, and only if
 * that is still the head: the pull request is read again just before writing, and a result for an
 * old head is dropped (the push that moved it triggers its own evaluation). An existing run for the
 * head is updated, and left alone when its conclusion, title and summary (trace aside) are the same.
 */
export async function writeChangeCheck(octokit: Octokit, r: RepoRef, req: CheckRequest): Promise<{ write: CheckWrite; calls: number; id?: number; headNow?: string }> {
  const headNow = await currentHead(octokit, r, req.number, req.etag);
  if (headNow !== null && headNow !== req.headSha) return { write: "dropped", calls: 1, headNow };
  const done = { status: "completed" as const, conclusion: req.conclusion, completed_at: req.now.toISOString(), output: req.output };
  const summary = withoutTrace(req.output.summary);
  const next: Omit<Written, "id"> = { conclusion: req.conclusion, title: req.output.title, summary };
  // This process wrote the run for this head before: skip the lookup by id. What it wrote is not proof
  // of what the run says now (another instance may have written since), so "unchanged" is read, not assumed.
  const known = written.get(memoryKey(r, req.headSha));
  if (known) {
    try {
      if (known.conclusion === next.conclusion && known.title === next.title && known.summary === next.summary) {
        const { data: run } = await octokit.rest.checks.get({ ...r, check_run_id: known.id });
        if (run.status === "completed" && run.conclusion === req.conclusion && run.output.title === req.output.title && withoutTrace(run.output.summary) === summary) {
          return { write: "unchanged", calls: 2, id: known.id };
        }
        await octokit.rest.checks.update({ ...r, check_run_id: known.id, ...done });
        remember(r, req.headSha, { id: known.id, ...next });
        return { write: "updated", calls: 3, id: known.id };
      }
      await octokit.rest.checks.update({ ...r, check_run_id: known.id, ...done });
      remember(r, req.headSha, { id: known.id, ...next });
      return { write: "updated", calls: 2, id: known.id };
    } catch (error) {
      if (statusOf(error) !== 404) throw error; // deleted meanwhile: look it up like any other instance would
    }
  }
  const id = appId();
  const { data } = await octokit.rest.checks.listForRef({ ...r, ref: req.headSha, check_name: CHANGE_CHECK_NAME, filter: "latest", per_page: 100, ...(id ? { app_id: id } : {}) });
  const mine = data.check_runs.filter((c) => c.name === CHANGE_CHECK_NAME && c.head_sha === req.headSha && (id === null || c.app?.id === id));
  const existing = mine.sort((a, b) => b.id - a.id)[0];
  if (existing) {
    const same = existing.status === "completed" && existing.conclusion === req.conclusion && existing.output.title === req.output.title && withoutTrace(existing.output.summary) === summary;
    if (same) {
      remember(r, req.headSha, { id: existing.id, ...next });
      return { write: "unchanged", calls: 2, id: existing.id };
    }
    try {
      await octokit.rest.checks.update({ ...r, check_run_id: existing.id, ...done });
      remember(r, req.headSha, { id: existing.id, ...next });
      return { write: "updated", calls: 3, id: existing.id };
    } catch (error) {
      // another app's run of the same name, or one deleted meanwhile: write our own
      if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    }
  }
  const created = await octokit.rest.checks.create({ ...r, name: CHANGE_CHECK_NAME, head_sha: req.headSha, started_at: req.now.toISOString(), ...done });
  remember(r, req.headSha, { id: created.data.id, ...next });
  return { write: "created", calls: existing ? 4 : 3, id: created.data.id };
}

/** The pull request's head now; null when GitHub says it is unchanged since `etag` (304). */
async function currentHead(octokit: Octokit, r: RepoRef, number: number, etag: string | null): Promise<string | null> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...r, pull_number: number, ...(etag ? { headers: { "if-none-match": etag } } : {}) });
    return data.head.sha;
  } catch (error) {
    if (statusOf(error) === 304) return null;
    throw error;
  }
}

function withoutTrace(summary: string | null | undefined): string {
  return (summary ?? "").replace(/<!-- ims-trace [\s\S]*? -->/g, "").trim();
}
