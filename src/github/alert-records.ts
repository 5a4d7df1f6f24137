import { alertMarker, parseAlertKey, type AlertPlan, type AlertRecordFacts } from "../alerts/decide.js";
import { ALERT_SOURCES, type AlertSource } from "../alerts/facts.js";
import { labelNames } from "../core/labels.js";
import { EVALUATION_LOCK } from "../store/areas.js";
import { isOwnComment } from "./bot-identity.js";
import { createIssueOnce } from "./create-once.js";
import type { ListedIssue } from "./issue-lists.js";
import { ensureLabels } from "./labels.js";
import { areaOf, storeOf } from "./store-of.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

type Found = AlertRecordFacts & { body: string };


/**
 * What the app remembers of one repository's records of one source (the store's `alertIndex`): each
 * alert key's record issue, and when the records were last listed in full. A key absent from an index
 * has no record (every record the app opens is added to it); a remembered issue is read before it is
 * trusted. The whole index is one value, so it is either there whole or not at all (a store that
 * drops it only costs one listing).
 */
interface AlertIndex {
  at: number;
  keys: Record<string, number>;
}

const indexKey = (r: RepoRef, source: AlertSource) => `${r.owner}/${r.repo}:${source}`.toLowerCase();
const indexLock = (r: RepoRef, source: AlertSource) => `alert-index:${indexKey(r, source)}`;

/** The keys of one source an issue's body carries (a marker that is not a key counts for nothing). */
const keysOf = (body: string, source: AlertSource): string[] =>
  [...body.matchAll(/<!-- ims-alert (\S+) -->/g)].flatMap(([, k]) => {
    try {
      const key = decodeURIComponent(k!);
      return parseAlertKey(key)?.source === source ? [key] : [];
    } catch {
      return [];
    }
  });

/**
 * How the source's records are listed: with the app's login known (`<slug>[bot]`), as the issues the
 * app opened (`creator`), so a record whose `source:` label a person took off is still its alert's
 * record whether the index is remembered or listed again (the marker in the app's own issue is what
 * makes a record, not a label); unknown (the app's identity could not be read), by the label.
 */
const listQuery = (source: AlertSource, creator: string | null | undefined) => (creator ? { creator } : { labels: `source:${source}` });

/** The issues that may be the source's records (one list, every page; by `creator`, those of every source). */
async function listRecords(octokit: Octokit, r: RepoRef, source: AlertSource, creator: string | null | undefined): Promise<ListedIssue[]> {
  return octokit.paginate(octokit.rest.issues.listForRepo, { ...r, ...listQuery(source, creator), state: "all", per_page: 100 });
}

/**
 * The source's 100 newest records (one page, newest created first): a record a racing instance opened
 * at the same moment as ours is among them, since GitHub's content limit (80 a minute) lets fewer
 * than 100 issues be created in the seconds a race lasts.
 */
async function newestRecords(octokit: Octokit, r: RepoRef, source: AlertSource, creator: string | null | undefined): Promise<Array<Found & { keys: string[] }>> {
  const { data } = await octokit.rest.issues.listForRepo({ ...r, ...listQuery(source, creator), state: "all", sort: "created", direction: "desc", per_page: 100 });
  return asRecords(data, source);
}

function asRecords(listed: ListedIssue[], source: AlertSource): Array<Found & { keys: string[] }> {
  return listed
    // the app's own issues only: a person's issue with the marker (copied from a card, or planted
    // before the alert, whose key is guessable) is never taken for the record
    .filter((i) => !i.pull_request && isOwnComment(i))
    .map((i) => ({
      number: i.number,
      state: i.state === "closed" ? ("closed" as const) : ("open" as const),
      labels: labelNames(i.labels),
      body: i.body ?? "",
      keys: keysOf(i.body ?? "", source),
    }))
    .filter((i) => i.keys.length > 0)
    .sort((a, b) => a.number - b.number);
}

/** Lists the source's records in full and remembers them (merged with what was added meanwhile; the lowest issue of a key wins). */
async function rebuildIndex(octokit: Octokit, r: RepoRef, source: AlertSource, now: Date, creator: string | null | undefined): Promise<{ index: AlertIndex; listed: Array<Found & { keys: string[] }> }> {
  const issues = await listRecords(octokit, r, source, creator);
  // the app's own issues are every source's records: one list remembers the three indexes
  let out: { index: AlertIndex; listed: Array<Found & { keys: string[] }> } | null = null;
  for (const s of creator ? ALERT_SOURCES : [source]) {
    const listed = asRecords(issues, s);
    const keys: Record<string, number> = {};
    for (const i of listed) for (const k of i.keys) keys[k] ??= i.number;
    const index = await storeOf(octokit).withLock(indexLock(r, s), async () => {
      const known = await areaOf<AlertIndex>(octokit, "alertIndex").get(indexKey(r, s));
      const next: AlertIndex = { at: now.getTime(), keys: { ...(known?.keys ?? {}), ...keys } };
      await areaOf<AlertIndex>(octokit, "alertIndex").set(indexKey(r, s), next);
      return next;
    });
    if (s === source) out = { index, listed };
  }
  return out!;
}

/** Remembers (or, with null, forgets) the record of one key. */
async function rememberRecord(octokit: Octokit, r: RepoRef, source: AlertSource, key: string, issue: number | null): Promise<void> {
  await storeOf(octokit).withLock(indexLock(r, source), async () => {
    const area = areaOf<AlertIndex>(octokit, "alertIndex");
    const known = await area.get(indexKey(r, source));
    if (!known) return; // nothing remembered: the next lookup lists the records anyway
    const keys = { ...known.keys };
    if (issue === null) delete keys[key];
    else keys[key] = issue;
    await area.set(indexKey(r, source), { ...known, keys });
  });
}

/** The repository's alert index for a source: remembered, else the records listed in full once. */
async function indexOf(octokit: Octokit, r: RepoRef, source: AlertSource, now: Date, creator: string | null | undefined): Promise<AlertIndex> {
  return (await areaOf<AlertIndex>(octokit, "alertIndex").get(indexKey(r, source))) ?? (await rebuildIndex(octokit, r, source, now, creator)).index;
}

/**
 * The record of an alert key: the remembered issue, read and trusted only while it still carries the
 * key's marker; when it was deleted (410), cannot be seen (404) or lost its marker, the records are
 * listed again (and the index with them). A key the index does not know has no record: no call.
 */
async function findRecord(octokit: Octokit, r: RepoRef, source: AlertSource, key: string, now: Date, creator: string | null | undefined): Promise<{ found: Found | null; index: AlertIndex }> {
  const known = await areaOf<AlertIndex>(octokit, "alertIndex").get(indexKey(r, source));
  if (known) {
    const n = known.keys[key];
    if (n === undefined) return { found: null, index: known };
    try {
      const { data } = await octokit.rest.issues.get({ ...r, issue_number: n });
      if (!data.pull_request && isOwnComment(data) && (data.body ?? "").includes(alertMarker(key)))
        return { found: { number: data.number, state: data.state === "closed" ? "closed" : "open", labels: labelNames(data.labels), body: data.body ?? "" }, index: known };
    } catch (error) {
      const status = statusOf(error);
      if (status !== 404 && status !== 410) throw error;
    }
    await rememberRecord(octokit, r, source, key, null);
  }
  const { index, listed } = await rebuildIndex(octokit, r, source, now, creator);
  return { found: listed.find((i) => i.keys.includes(key)) ?? null, index };
}

/** The alert keys that have a record already (the index; one list of the source's records when none is remembered; `creator`: the app's login, see listQuery). */
export async function recordedAlertKeys(octokit: Octokit, r: RepoRef, source: AlertSource, now: Date, creator?: string | null): Promise<Set<string>> {
  return new Set(Object.keys((await indexOf(octokit, r, source, now, creator)).keys));
}

/** How an alert's record was brought in line; `deferred`: none existed and `mayOpen` said not now (nothing written). */
export type AlertRecordOutcome = { number: number; created: boolean; changed: boolean; deferred: false } | { number: null; created: false; changed: false; deferred: true };

export interface UpsertAlertOptions {
  /** The app's clock (when the records were listed, for the index). */
  now: Date;
  /** Asked once before a new record is opened: false defers it (the sweep opens it later). */
  mayOpen?: () => Promise<boolean>;
  /** The app's own login (`<slug>[bot]`), when known: its records are listed as its own issues, whatever their labels (see listQuery). */
  creator?: string | null;
  /**
   * Asked once before a closed record is reopened, when what `decide` was given may be stale (a
   * webhook payload): the decision from the alert as GitHub holds it now, or null when it cannot be
   * read (the record is then left as it is).
   */
  confirmReopen?: () => Promise<((existing: AlertRecordFacts | null) => AlertPlan) | null>;
}

/**
 * Finds an alert's record (the remembered issue, else by its marker in one list of the source's
 * records), then opens it once (created, listed again since the records were last listed, the lowest
 * kept) or brings it in line: missing labels added, the body rewritten only when it changed, closed or
 * reopened, one note. One alert at a time per repository and key (the store's lock; across
 * instances `createIssueOnce` keeps one).
 */
export async function upsertAlertRecord(
  octokit: Octokit,
  r: RepoRef,
  source: AlertSource,
  decide: (existing: AlertRecordFacts | null) => AlertPlan,
  options: UpsertAlertOptions,
): Promise<AlertRecordOutcome> {
  const probe = decide(null);
  return storeOf(octokit).withLock(`alert:${r.owner}/${r.repo}:${probe.key}`.toLowerCase(), async (): Promise<AlertRecordOutcome> => {
    const { found } = await findRecord(octokit, r, source, probe.key, options.now, options.creator);
    let plan = decide(found);
    // a delivery that would reopen a closed record is checked against GitHub first: a failed
    // `reopened` redelivered after the alert was fixed (or out of order) must not reopen it
    if (found && found.state === "closed" && plan.state === "open" && options.confirmReopen) {
      const now = await options.confirmReopen();
      if (!now) return { number: found.number, created: false, changed: false, deferred: false };
      plan = now(found);
    }
    if (!found) {
      if (options.mayOpen && !(await options.mayOpen())) return { number: null, created: false, changed: false, deferred: true };
      await ensureLabels(octokit, r, plan.labels);
      const once = await createIssueOnce(octokit, r, { title: plan.title, body: plan.body, labels: plan.labels }, {
        listAgain: async () => (await newestRecords(octokit, r, source, options.creator)).filter((i) => i.keys.includes(plan.key)).map((i) => i.number),
        duplicateNote: (kept) => `Duplicate of #${kept}: that record follows this alert.`,
      });
      await rememberRecord(octokit, r, source, plan.key, once.kept);
      if (plan.state === "closed") await octokit.rest.issues.update({ ...r, issue_number: once.kept, state: "closed", state_reason: "completed" });
      return { number: once.kept, created: !once.duplicate, changed: true, deferred: false };
    }
    await ensureLabels(octokit, r, plan.labels);
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
    return { number: found.number, created: false, changed: changed || plan.note !== null, deferred: false };
  }, EVALUATION_LOCK);
}

/**
 * Puts an alert record's body back as the app writes it (a person edited it): one alert at a time
 * per repository and key, as upsertAlertRecord. Reads the issue first (one GET) and writes only
 * when the body still differs and the issue is still the app's own. Returns true when written.
 */
export async function restoreAlertRecordBody(octokit: Octokit, r: RepoRef, issue: number, key: string, body: string): Promise<boolean> {
  return storeOf(octokit).withLock(`alert:${r.owner}/${r.repo}:${key}`.toLowerCase(), async () => {
    const { data } = await octokit.rest.issues.get({ ...r, issue_number: issue });
    if (data.pull_request || !isOwnComment(data) || (data.body ?? "") === body) return false;
    await octokit.rest.issues.update({ ...r, issue_number: issue, body });
    return true;
  }, EVALUATION_LOCK);
}
