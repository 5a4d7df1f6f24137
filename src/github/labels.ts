import { labelSpec } from "../records/labels.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** How long the app trusts what it knows about a repository's labels (label webhooks evict sooner). */
export const LABEL_CACHE_TTL_MS = 10 * 60_000;

const known = new Map<string, { names: Set<string>; at: number }>();
const key = (r: RepoRef) => `${r.owner}/${r.repo}`.toLowerCase();

/** Forgets what the app knows of a repository's labels (a `label` webhook: deleted or renamed); of all, without one. */
export function forgetLabels(r?: RepoRef): void {
  if (r) known.delete(key(r));
  else known.clear();
}

/**
 * Makes sure the labels exist with the app's colour and description before they are added to an
 * issue (GitHub would otherwise create them grey). Reads the label list at most once per TTL.
 */
export async function ensureLabels(octokit: Octokit, r: RepoRef, names: string[], now = Date.now()): Promise<void> {
  if (names.length === 0) return;
  let entry = known.get(key(r));
  if (!entry || now - entry.at > LABEL_CACHE_TTL_MS) {
    const all = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...r, per_page: 100 });
    entry = { names: new Set(all.map((l) => l.name.toLowerCase())), at: now };
    known.set(key(r), entry);
  }
  for (const name of names) {
    if (entry.names.has(name.toLowerCase())) continue;
    const spec = labelSpec(name);
    try {
      await octokit.rest.issues.createLabel({ ...r, name: spec.name, color: spec.color, description: spec.description });
    } catch (error) {
      if (statusOf(error) !== 422) throw error; // 422: created meanwhile by someone else
    }
    entry.names.add(name.toLowerCase());
  }
}

/** Applies a label diff with the fewest calls: one POST for all additions, one DELETE per removal. */
export async function applyLabelDiff(octokit: Octokit, r: RepoRef, issue: number, diff: { add: string[]; remove: string[] }): Promise<number> {
  let calls = 0;
  if (diff.add.length > 0) {
    await ensureLabels(octokit, r, diff.add);
    await octokit.rest.issues.addLabels({ ...r, issue_number: issue, labels: diff.add });
    calls++;
  }
  for (const name of diff.remove) {
    try {
      await octokit.rest.issues.removeLabel({ ...r, issue_number: issue, name });
    } catch (error) {
      if (statusOf(error) !== 404) throw error; // already gone
    }
    calls++;
  }
  return calls;
}
