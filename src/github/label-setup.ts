import { LABELS } from "../records/labels.js";
import { ensureLabels, forgetLabels } from "./labels.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * Creates every label the app and its forms use that the repository lacks, with its colour and
 * description: one list call (never the cache: a person may have deleted some) plus one per missing label.
 */
export async function createAppLabels(octokit: Octokit, r: RepoRef, now: number): Promise<void> {
  await forgetLabels(octokit, r);
  await ensureLabels(octokit, r, LABELS.map((l) => l.name), now);
}
