import type { Store } from "../store/index.js";
import { AREAS, DASHBOARD_MAX_AGE_MS } from "../store/areas.js";

/**
 * The debounce of the dashboard, in the store: after the sweep wrote (or checked) a repository's
 * dashboard it remembers its issue, its hash and until when nothing but an event can change it. An
 * event on the repository forgets that (no API call), so the next sweep tick reads and renders it
 * again; without an event the sweep spends no call on it. An instance that does not know a
 * repository reads it once. Correctness does not depend on it: the hash in the issue body decides
 * whether to write.
 */
export interface DashboardMemo {
  number: number | null;
  hash: string | null;
  /** Epoch ms after which time alone changes the view (a review falls due). */
  until: number;
}

/** Even without events, the dashboard is read again after this long (a missed event heals). */
export { DASHBOARD_MAX_AGE_MS };

const area = (store: Store) => store.area<DashboardMemo>("dashboard", AREAS.dashboard);

const keyOf = (repo: string) => repo.toLowerCase();

/** An event on `repo` ("owner/name") may have changed what the dashboard shows. */
export async function markDashboardStale(store: Store, repo: string): Promise<void> {
  const a = area(store);
  const k = keyOf(repo);
  const m = await a.get(k);
  // keep the issue number (it saves a lookup), forget that the content is known
  if (m) await a.set(k, { number: m.number, hash: null, until: 0 });
}

/** What the store remembers of `repo`'s dashboard; undefined when nothing. */
export const recallDashboard = (store: Store, repo: string): Promise<DashboardMemo | undefined> => area(store).get(keyOf(repo));

/** Remembers a dashboard just written or checked. */
export const rememberDashboard = (store: Store, repo: string, memo: DashboardMemo): Promise<void> => area(store).set(keyOf(repo), memo);

/** Is the remembered dashboard still current at `now`? */
export const isCurrent = (m: DashboardMemo | undefined, now: Date): m is DashboardMemo => m !== undefined && m.hash !== null && now.getTime() < m.until;
