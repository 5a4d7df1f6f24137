import { metrics } from "../ops/metrics.js";
import { routeOf } from "../ops/octokit-metrics.js";
import { EndpointPoints, endpointOf, pointsOf } from "./endpoint-pacing.js";
import { CONTENT_WAIT_MAX_MS } from "../store/areas.js";
import { ContentLedger, type LedgerOptions } from "../store/content-ledger.js";
import type { Store } from "../store/index.js";
import type { Octokit } from "./types.js";

/** Where an installation's Octokit carries the key of its content ledger. */
const KEY = Symbol.for("ims-bot.content-ledger-key");
type Carrier = { [KEY]?: string };

/** The content ledger's key of an installation. */
export const contentKey = (installation: number) => `installation:${installation}`;

/**
 * The content-ledger key of the installation this Octokit acts for, when it was made by the app
 * (`paceContent`); else `fallback` (a script's or a unit test's client: a ledger of its own).
 */
export function contentKeyOf(octokit: object, fallback: string): string {
  return (octokit as Carrier)[KEY] ?? fallback;
}

/** Whether this Octokit books its content requests in its installation's ledger (made by the app). */
export const isPaced = (octokit: object): boolean => (octokit as Carrier)[KEY] !== undefined;

/** A content request was not sent: the installation's ledger is booked further ahead than a request may wait. */
export class ContentLimitError extends Error {
  constructor(readonly what: string, readonly until: Date, maxWaitMs: number) {
    super(
      `${what} not sent: the installation's content-creating requests (GitHub allows 80 a minute and 500 an hour) are booked until ${until.toISOString()}, ` +
        `longer than a request waits (${maxWaitMs >= 3_600_000 ? `${maxWaitMs / 3_600_000} h` : `${maxWaitMs / 1000} s`}); the event fails and is retried from the queue or redelivered once the burst has drained`,
    );
    this.name = "ContentLimitError";
  }
}

/**
 * The routes whose writes notify people, which the throttle plugin (@octokit/plugin-throttling,
 * generated/triggers-notification-paths.js) spaces three seconds apart: the ledger books them so.
 */
const NOTIFYING_ROUTES = [
  "/orgs/{org}/invitations", "/orgs/{org}/invitations/{invitation_id}", "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments", "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments", "/repos/{owner}/{repo}/issues", "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "/repos/{owner}/{repo}/releases", "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments",
];
// the plugin's matcher: a placeholder matches any segment text, the last segment may run on
const NOTIFYING = new RegExp(`^(?:${NOTIFYING_ROUTES.map((p) => `(?:${p.split("/").map((c) => (c.startsWith("{") ? "(?:.+?)" : c)).join("/")})`).join("|")})[^/]*$`, "i");
export const notifies = (url: string): boolean => NOTIFYING.test(new URL(url, "http://github.test").pathname);

/** GitHub's token requests are the app's, not the installation's content. */
const isAuth = (method: string, url: string) => method === "POST" && /\/app\/installations\/[^/]+\/access_tokens$/.test(url.split("?")[0]!);

export interface PacingOptions {
  store: Store;
  installation: number;
  /** The app's clock (a simulator's, on virtual time in benchmarks); waiting uses timers. */
  now: () => Date;
  /** Wait for room (production); false: only book what is sent (tests with the throttle off, on a clock that does not move). */
  wait: boolean;
  maxWaitMs?: number;
  /** The ledger's limits and spacing (tests). */
  ledger?: LedgerOptions;
}

/** Per app (its store): the endpoints' points of the last minute. */
const POINTS = new WeakMap<Store, EndpointPoints>();
const pointsFor = (store: Store) => POINTS.get(store) ?? POINTS.set(store, new EndpointPoints()).get(store)!;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Books every content-creating request (POST, PATCH, PUT, DELETE) of this installation's Octokit in
 * its content ledger before it is sent, and waits until the booked moment: a request the last
 * minute's or hour's requests (of every replica sharing the store) leave no room for is sent when
 * they do, instead of into GitHub's secondary-limit 403 ("if you continue to make requests while
 * rate limited, your integration may be banned"). Registered after the throttle plugin, so it runs
 * before the plugin's queue. A request that would wait more than `maxWaitMs` is not sent
 * (ContentLimitError). Waits are observed in `ims_content_wait_seconds`. Every request, reads too,
 * also keeps to GitHub's 900 points a minute per endpoint (src/github/endpoint-pacing.ts). Idempotent
 * per Octokit.
 */
export function paceContent<O extends Octokit>(octokit: O, options: PacingOptions): O {
  const carrier = octokit as Carrier;
  if (carrier[KEY]) return octokit;
  const key = contentKey(options.installation);
  carrier[KEY] = key;
  const ledger = new ContentLedger(options.store, options.ledger);
  const maxWaitMs = options.maxWaitMs ?? CONTENT_WAIT_MAX_MS;
  const points = pointsFor(options.store);
  octokit.hook.wrap("request", async (request, endpoint) => {
    const method = String(endpoint.method ?? "GET").toUpperCase();
    const url = String(endpoint.url ?? "");
    if (isAuth(method, url)) return request(endpoint);
    const read = method === "GET" || method === "HEAD";
    if (options.wait && read) {
      // GitHub's 900 points a minute per endpoint (a read 1), waited for in this process; writes, a
      // second apart by the ledger, cost at most 300 (5 each)
      const at = points.book(`${key} ${endpointOf(method, routeOf(url))}`, options.now().getTime(), pointsOf(method));
      const ms = at - options.now().getTime();
      if (ms > 0) await sleep(ms);
    }
    if (read) return request(endpoint);
    const now = options.now().getTime();
    const booked = await ledger.book(key, now, { pace: options.wait, latestMs: now + maxWaitMs, notifies: notifies(url) });
    if ("refusedUntil" in booked) {
      metrics.contentWaitSeconds.observe({ outcome: "refused" }, maxWaitMs / 1000);
      throw new ContentLimitError(`${method} ${url}`, new Date(booked.refusedUntil), maxWaitMs);
    }
    const waitMs = booked.at - now;
    metrics.contentWaitSeconds.observe({ outcome: "sent" }, waitMs / 1000);
    if (waitMs > 0) {
      metrics.contentWaiting.inc();
      try {
        await sleep(waitMs);
      } finally {
        metrics.contentWaiting.dec();
      }
    }
    return request(endpoint);
  });
  return octokit;
}
