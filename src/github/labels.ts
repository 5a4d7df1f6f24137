import { counting } from "./call-counter.js";
import { labelSpec } from "../records/labels.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";
import { areaOf } from "./store-of.js";
import { sharedRead } from "./shared-read.js";
import { LABEL_CACHE_TTL_MS } from "../store/areas.js";

export { LABEL_CACHE_TTL_MS } from "../store/areas.js";

/** The label names (lower case) a repository had when read, and when. */
interface Known {
  names: string[];
  at: number;
}

const key = (r: RepoRef) => `${r.owner}/${r.repo}`.toLowerCase();
const known = (octokit: Octokit) => areaOf<Known>(octokit, "labels");

/** Forgets what the app knows of a repository's labels (a `label` webhook: deleted or renamed). */
export async function forgetLabels(octokit: Octokit, r: RepoRef): Promise<void> {
  await known(octokit).delete(key(r));
}

/**
 * Makes sure the labels exist with the app's colour and description before they are added to an
 * issue (GitHub would otherwise create them grey). Reads the label list at most once per TTL.
 */
export async function ensureLabels(octokit: Octokit, r: RepoRef, names: string[], now = Date.now()): Promise<void> {
  if (names.length === 0) return;
  const area = known(octokit);
  const cached = await area.get(key(r));
  const fresh = !cached || now - cached.at > LABEL_CACHE_TTL_MS;
  let have: Set<string>;
  if (fresh) {
    const all = await sharedRead(octokit, `labels:${key(r)}`, () => octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...r, per_page: 100 }));
    have = new Set(all.map((l) => l.name.toLowerCase()));
  } else have = new Set(cached!.names);
  const before = have.size;
  for (const name of names) {
    if (have.has(name.toLowerCase())) continue;
    const spec = labelSpec(name);
    try {
      await octokit.rest.issues.createLabel({ ...r, name: spec.name, color: spec.color, description: spec.description });
    } catch (error) {
      if (statusOf(error) !== 422) throw error; // 422: created meanwhile by someone else
    }
    have.add(name.toLowerCase());
  }
  if (fresh || have.size !== before) await area.set(key(r), { names: [...have], at: fresh ? now : cached!.at });
}

/** Which labels matter most when an issue nears GitHub's label limit: priority and triage first. */
const IMPORTANCE = [/^priority:/, /^needs-triage$/, /^security:/, /^sla:/, /^escalation:/, /^major-incident$/, /^ims:/, /^cia:/];
const rankOf = (name: string) => {
  const i = IMPORTANCE.findIndex((re) => re.test(name));
  return i < 0 ? IMPORTANCE.length : i;
};

/**
 * Applies a label diff with the fewest calls: one POST for all additions first, then one DELETE per
 * removal, so a record moving from one priority to another always carries one (a reader between the
 * two calls never sees it without). Not one `PUT .../labels`: it would need the whole label set as
 * read, and would undo a label a person changed since. On an issue at GitHub's limit
 * (GITHUB_MAX_LABELS, refused with 422) the removals go first to free room, then the additions one by
 * one, most important first, and `onOverflow` hears what did not fit.
 */
export async function applyLabelDiff(
  octokit: Octokit,
  r: RepoRef,
  issue: number,
  diff: { add: string[]; remove: string[] },
  onOverflow: (notAdded: string[]) => void = () => undefined,
): Promise<number> {
  return (await counting(octokit, () => applyDiff(octokit, r, issue, diff, onOverflow))).calls;
}

async function applyDiff(octokit: Octokit, r: RepoRef, issue: number, diff: { add: string[]; remove: string[] }, onOverflow: (notAdded: string[]) => void): Promise<void> {
  let removed = false;
  const removeAll = async () => {
    removed = true;
    for (const name of diff.remove) {
      try {
        await octokit.rest.issues.removeLabel({ ...r, issue_number: issue, name });
      } catch (error) {
        if (statusOf(error) !== 404) throw error; // already gone
      }
    }
  };
  if (diff.add.length > 0) {
    const add = [...diff.add].sort((a, b) => rankOf(a) - rankOf(b));
    await ensureLabels(octokit, r, add);
    try {
      await octokit.rest.issues.addLabels({ ...r, issue_number: issue, labels: add });
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      await removeAll();
      const left: string[] = [];
      for (const name of add) {
        if (left.length > 0) {
          left.push(name);
          continue;
        }
        try {
          await octokit.rest.issues.addLabels({ ...r, issue_number: issue, labels: [name] });
        } catch (e) {
          if (statusOf(e) !== 422) throw e;
          left.push(name);
        }
      }
      if (left.length > 0) onOverflow(left);
    }
  }
  if (!removed) await removeAll();
}
