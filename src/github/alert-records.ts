import { alertMarker, type AlertPlan, type AlertRecordFacts } from "../alerts/decide.js";
import type { AlertSource } from "../alerts/facts.js";
import { EVALUATION_LOCK } from "../store/areas.js";
import { isOwnComment } from "./bot-identity.js";
import { createIssueOnce } from "./create-once.js";
import { listIssuesLabelled } from "./issue-lists.js";
import { ensureLabels } from "./labels.js";
import { storeOf } from "./store-of.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * The app's own issues (any state) carrying an alert's marker, lowest number first: the first is its
 * record. A person's issue with the marker (copied from a card, or planted before the alert, whose key
 * is guessable) is never taken for it.
 */
async function withMarker(octokit: Octokit, r: RepoRef, source: AlertSource, key: string): Promise<Array<AlertRecordFacts & { body: string }>> {
  const marker = alertMarker(key);
  const listed = await listIssuesLabelled(octokit, r, { labels: `source:${source}`, state: "all" });
  return listed
    .filter((i) => !i.pull_request && isOwnComment(i) && (i.body ?? "").includes(marker))
    .map((i) => ({ number: i.number, state: i.state === "closed" ? ("closed" as const) : ("open" as const), labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))), body: i.body ?? "" }))
    .sort((a, b) => a.number - b.number);
}

/** The alert keys that have a record already (one list of the source's records; the app's own issues only). */
export async function recordedAlertKeys(octokit: Octokit, r: RepoRef, source: AlertSource): Promise<Set<string>> {
  const listed = await listIssuesLabelled(octokit, r, { labels: `source:${source}`, state: "all" });
  const keys = new Set<string>();
  for (const i of listed) if (isOwnComment(i)) for (const [, k] of (i.body ?? "").matchAll(/<!-- ims-alert (\S+) -->/g)) keys.add(decodeURIComponent(k!));
  return keys;
}

/**
 * Finds an alert's record by its marker, then opens it once (created, listed again, the lowest kept) or
 * brings it in line: missing labels added, the body rewritten only when it changed, closed or
 * reopened, one note. One alert at a time per repository and key (the store's lock; across
 * instances `createIssueOnce` keeps one). Returns the record's number.
 */
export async function upsertAlertRecord(
  octokit: Octokit,
  r: RepoRef,
  source: AlertSource,
  decide: (existing: AlertRecordFacts | null) => AlertPlan,
): Promise<{ number: number; created: boolean; changed: boolean }> {
  const probe = decide(null);
  return storeOf(octokit).withLock(`alert:${r.owner}/${r.repo}:${probe.key}`.toLowerCase(), async () => {
    const found = (await withMarker(octokit, r, source, probe.key))[0] ?? null;
    const plan = decide(found);
    await ensureLabels(octokit, r, plan.labels);
    if (!found) {
      const once = await createIssueOnce(octokit, r, { title: plan.title, body: plan.body, labels: plan.labels }, {
        listAgain: async () => (await withMarker(octokit, r, source, plan.key)).map((i) => i.number),
        duplicateNote: (kept) => `Duplicate of #${kept}: that record follows this alert.`,
      });
      if (plan.state === "closed") await octokit.rest.issues.update({ ...r, issue_number: once.kept, state: "closed", state_reason: "completed" });
      return { number: once.kept, created: !once.duplicate, changed: true };
    }
    let changed = false;
    const missing = plan.labels.filter((l) => !found.labels.some((h) => h.toLowerCase() === l.toLowerCase()));
    if (missing.length > 0) {
      await octokit.rest.issues.addLabels({ ...r, issue_number: found.number, labels: missing });
      changed = true;
    }
    if (!plan.labels.includes("needs-security-review") && found.labels.some((l) => l.toLowerCase() === "needs-security-review")) {
      await octokit.rest.issues.removeLabel({ ...r, issue_number: found.number, name: "needs-security-review" });
      changed = true;
    }
    if (plan.note) await octokit.rest.issues.createComment({ ...r, issue_number: found.number, body: plan.note });
    const body = found.body !== plan.body ? { body: plan.body } : {};
    const state = found.state !== plan.state ? { state: plan.state, ...(plan.state === "closed" ? { state_reason: "completed" as const } : {}) } : {};
    if (Object.keys(body).length + Object.keys(state).length > 0) {
      await octokit.rest.issues.update({ ...r, issue_number: found.number, ...body, ...state });
      changed = true;
    }
    return { number: found.number, created: false, changed: changed || plan.note !== null };
  }, EVALUATION_LOCK);
}
