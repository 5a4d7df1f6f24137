import type { AreaBounds } from "./store.js";

/**
 * Every area of the store and its bounds, in one place: what the app remembers, how much and how
 * long. None of it is needed for a correct decision (that derives from GitHub); losing it all costs
 * calls, and for deliveries a redelivered event handled twice (every write is a diff). The one
 * exception is `alertsOwed`: the records of deferred alerts, which GitHub cannot list once the alert
 * is fixed or dismissed.
 */

/** Delivery ids remembered to drop redelivered webhooks before any API call. */
export const DELIVERY_MEMORY = 10_000;
/** A delivery being handled blocks its redelivery this long at most (a holder that dies frees it). */
export const DELIVERY_IN_FLIGHT_MS = 10 * 60_000;
/** A handled delivery is remembered this long (GitHub redelivers for up to 3 days on request). */
export const DELIVERY_DONE_MS = 3 * 24 * 3600_000;

/** Records whose last evaluation the sweep remembers (oldest forgotten first). */
export const MEMO_MAX = 100_000;
/** Repositories whose last sweep time (incidents) and last freeze check are remembered. */
export const REPOS_MAX = 10_000;

/** Cached GET responses kept (least recently written are dropped). */
export const ETAG_CACHE_MAX = 2_000;
/**
 * How long a "file not found" answer is trusted: a push that adds the file forgets it at once (push
 * webhooks list the files they touch), so this is only the safety net for a push the app never saw.
 */
export const MISSING_TTL_MS = 24 * 3600_000;

/** How long the app trusts what it knows about a repository's labels (label webhooks evict sooner). */
export const LABEL_CACHE_TTL_MS = 10 * 60_000;
/** How long protection evidence is reused between evaluations (`/ims recheck` reads it fresh). */
export const PROTECTION_TTL_MS = 10 * 60_000;
/** Branches whose protection evidence is kept. */
export const PROTECTION_MAX = 10_000;
/** Merge proofs kept (one boolean each; a proof never changes, so no TTL). */
export const MERGE_PROOFS_MAX = 20_000;

/** Deployment gate decisions remembered (a re-request answers the same without walking again). */
export const DEPLOY_DECISIONS_MAX = 20_000;

/** Even without events, a repository's dashboard is read again after this long (a missed event heals). */
export const DASHBOARD_MAX_AGE_MS = 6 * 3600_000;
/** Installations whose onboarding queue is kept (repositories waiting, per installation). */
export const ONBOARDING_QUEUE_MAX = 10_000;

/** GitHub's content limits for one installation ("About secondary rate limits"): 80 content-creating requests a minute, 500 an hour. */
export const GITHUB_CONTENT_PER_MINUTE = 80;
export const GITHUB_CONTENT_PER_HOUR = 500;
/**
 * Security-alert records' share of them (opening a record and its first evaluation): the rest is kept
 * for the app's other work (incidents filed during a burst still get their card at once; the alert
 * records themselves escalate only as their remediation targets near, days later).
 */
export const ALERT_CONTENT_PER_MINUTE = 50;
export const ALERT_CONTENT_PER_HOUR = 300;
/** A content ledger's entries are kept for the last hour plus one minute (past its last booking). */
export const CONTENT_PACE_TTL_MS = 3_600_000 + 60_000;
/**
 * Left on top of each window when a request is booked: a request reaches GitHub a little after its
 * booked moment (the throttle's one-second spacing of writes, three for those that notify, the
 * network), so one booked a window after another must not arrive inside it.
 */
export const CONTENT_SLACK_MS = 10_000;
/** GitHub: "wait at least one second between each request" (POST, PATCH, PUT, DELETE) for one client. */
export const CONTENT_SPACING_MS = 1_000;
/** And three seconds between those that notify people, as the throttle plugin spaces them. */
export const CONTENT_NOTIFY_SPACING_MS = 3_000;
/**
 * The longest one content request waits for room in the ledger; one that would wait longer is not
 * sent and its event fails (the queue retries it, or it is redelivered): the installation is then
 * over 3,000 writes behind, six hours of GitHub's 500 an hour.
 */
export const CONTENT_WAIT_MAX_MS = 6 * 3_600_000;
/** Repositories whose alert index (alert -> record issue) is remembered. */
export const ALERT_INDEX_MAX = 10_000;
/**
 * How long an alert index is trusted before the records are listed in full again: the safety net for
 * a record another instance opened without sharing this store (one list an hour per repository and source).
 */
export const ALERT_INDEX_TTL_MS = 3600_000;

/** Comment bodies the app wrote remembered (a hash each, by repository and comment id: src/github/own-writes.ts). */
export const OWN_WRITES_MAX = 200_000;
/** How long a written body is remembered; past it, GitHub's `updated_at` alone tells an edit (to the second). */
export const OWN_WRITES_TTL_MS = 90 * 24 * 3600_000;
/** How long owed alert records are remembered after their last change (a burst is drained in hours: 300 content requests an hour). */
export const ALERTS_OWED_TTL_MS = 30 * 24 * 3600_000;

export const AREAS = {
  deliveries: { maxEntries: DELIVERY_MEMORY, ttlMs: DELIVERY_DONE_MS },
  sweepMemo: { maxEntries: MEMO_MAX },
  lastSwept: { maxEntries: REPOS_MAX },
  sweptInstallations: { maxEntries: REPOS_MAX },
  freezeChecks: { maxEntries: REPOS_MAX },
  etag: { maxEntries: ETAG_CACHE_MAX },
  etagMissing: { maxEntries: ETAG_CACHE_MAX, ttlMs: MISSING_TTL_MS },
  etagGeneration: { maxEntries: REPOS_MAX },
  /** The last deployment the gate approved per repository and environment: the walk's start, however many rejected ones came after. */
  deployApproved: { maxEntries: REPOS_MAX },
  labels: { maxEntries: REPOS_MAX, ttlMs: LABEL_CACHE_TTL_MS },
  protection: { maxEntries: PROTECTION_MAX, ttlMs: PROTECTION_TTL_MS },
  mergeProofs: { maxEntries: MERGE_PROOFS_MAX },
  /** When an installation's (or a repository's) open security alerts were last listed (`alerts.sweepMinutes`). */
  alertLists: { maxEntries: REPOS_MAX },
  /** The alert sources an installation (`org:`) or repository (`repo:`) could not read at its last listing (the dashboard says the feature is off). */
  alertAccess: { maxEntries: REPOS_MAX },
  deployDecisions: { maxEntries: DEPLOY_DECISIONS_MAX, ttlMs: 30 * 24 * 3600_000 },
  /** Per repository: its dashboard issue, hash and until when only an event changes it (src/dashboard/memo.ts). */
  dashboard: { maxEntries: REPOS_MAX, ttlMs: DASHBOARD_MAX_AGE_MS },
  /** Per installation: repositories waiting for onboarding (src/onboarding/queue.ts). */
  onboardingQueue: { maxEntries: ONBOARDING_QUEUE_MAX },
  /** Per installation: its content-creating requests sent and booked, and the reservations of deferrable work (src/store/content-ledger.ts). */
  contentLedger: { maxEntries: REPOS_MAX, ttlMs: CONTENT_PACE_TTL_MS },
  /** Per repository and alert source: alert key -> record issue number, and when the records were last listed in full (src/github/alert-records.ts). */
  alertIndex: { maxEntries: ALERT_INDEX_MAX, ttlMs: ALERT_INDEX_TTL_MS },
  /** Per installation (`org:`) and repository (`repo:`): alert records were deferred, so the next sweep lists alerts whatever `alerts.sweepMinutes` says. */
  alertsDeferred: { maxEntries: REPOS_MAX, ttlMs: 24 * 3600_000 },
  /** Per repository and comment id: a hash of the body the app last wrote there, to tell a person's edit of it (src/github/own-writes.ts). */
  ownWrites: { maxEntries: OWN_WRITES_MAX, ttlMs: OWN_WRITES_TTL_MS },
  /**
   * Per installation: the alerts whose record was deferred and is still owed (src/store/owed-alerts.ts).
   * Unlike the rest of the store this is work GitHub's lists cannot give back (a fixed or dismissed
   * alert is no longer listed as open), so it is kept long (renewed at every change) and, on Redis,
   * across restarts; the memory store loses it with the process.
   */
  alertsOwed: { maxEntries: REPOS_MAX, ttlMs: ALERTS_OWED_TTL_MS },
  /**
   * Per record key: "evaluate again", set by an event that found the record's evaluation running or
   * waiting (src/store/coalesce.ts). It lives as long as a holder may wait for room to write (hours
   * behind the content ledger); one left by a holder that died costs one extra evaluation later.
   */
  evaluateAgain: { maxEntries: 50_000, ttlMs: 24 * 3600_000 },
} as const satisfies Record<string, AreaBounds>;

export type AreaName = keyof typeof AREAS;

/**
 * The lock around one evaluation of a record or commit: a live holder keeps it however long it works
 * (a shared store renews it every third of `ttlMs`), a holder that dies frees it `ttlMs` after its last
 * renewal, and a waiter gives up after `waitMs` (the event fails and is redelivered). The TTL is short
 * so that a replica killed mid-record blocks that record for seconds, not minutes: the survivor's
 * next sweep or event goes on (issue 10, section 5).
 */
export const EVALUATION_LOCK = { ttlMs: 15_000, waitMs: 2 * 60_000 } as const;

/**
 * The lease one replica holds while it sweeps an installation: a replica that dies frees it this long
 * after its last renewal (a live sweep renews it every third of it, and before each repository and
 * each write), so the next tick goes on.
 */
export const SWEEP_LEASE_MS = 2 * 60_000;

/**
 * How far back an instance that does not know when a repository's freezes were last looked at
 * assumes a window may have ended unseen (its pull requests are then evaluated again, once).
 */
export const FREEZE_UNKNOWN_LOOKBACK_MS = 7 * 24 * 3600_000;

