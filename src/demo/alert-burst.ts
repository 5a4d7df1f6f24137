import { alertMarker } from "../alerts/decide.js";
import type { RequestRecord } from "../simulator/accounting.js";
import { SweepScheduler } from "../sweep/scheduler.js";
import { SearchPacer } from "../sweep/search-pacer.js";
import { seedAppLabels } from "./labels.js";
import { startStack, type Stack } from "./stack.js";

/**
 * A burst of security alerts from one push (issue 13): one lockfile with many vulnerable packages
 * raises `dependabot` Dependabot alerts at once, and the same push's CodeQL run `codeScanning` code
 * scanning alerts. The real app against the simulator with GitHub's content limits on (80 a minute,
 * 500 an hour), on the simulator's virtual clock: the deliveries are answered, then the installation
 * sweep runs every 5 virtual minutes until every alert has its record (or `maxHours` pass). Used by
 * the acceptance test (test/alerts/alerts-burst.test.ts) and the benchmark (bench/alerts-burst.bench.ts).
 */
export interface AlertBurstOptions {
  dependabot?: number;
  codeScanning?: number;
  /** `alerts.group`: one Dependabot record per package and severity. */
  group?: boolean;
  /** How many packages the Dependabot alerts spread over (120). */
  packages?: number;
  /** Virtual hours of sweeps at most before giving up. */
  maxHours?: number;
}

export interface AlertBurstFigures {
  alerts: number;
  /** Records each alert key needs (one per alert, or per package and severity when grouped). */
  keys: number;
  /** The app's requests (installation token), searches among them, and content-creating ones GitHub accepted. */
  requests: number;
  searches: number;
  /** The most searches in any sliding minute (GitHub: 30 per installation). */
  searchesMostInMinute: number;
  content: number;
  /** Requests GitHub refused with a rate limit (403/429). */
  refused: number;
  /** The most accepted content-creating requests in any sliding minute and hour (GitHub: 80 and 500). */
  mostInMinute: number;
  mostInHour: number;
  /** Virtual minutes from the push until every key had its record; null: not within maxHours. */
  minutesUntilAll: number | null;
  /** Keys with no record, and with more than one (open or closed, not closed as a duplicate). */
  missing: number;
  duplicates: number;
  /** How the deliveries were answered: status -> count. */
  /** The alert deliveries by the status the app answered (200, or 202 for a handler still at work after 9 s). */
  answers: Record<string, number>;
  /** Deliveries whose handler threw (answered 500, or 202 and then failed). */
  failed: number;
  /** Records the app deferred to the sweep (ims_alert_records_deferred_total). */
  deferred: number;
}

export const REPO = "acme/shop";
const MIN = 60_000;

/** Most entries of `times` (ms, sorted) within any window of `ms`. */
function mostWithin(times: readonly number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Whether a request was refused by a primary or secondary rate limit. */
const limited = (r: RequestRecord) => r.status === 403 || r.status === 429;

export interface AlertBurst {
  stack: Stack;
  figures: AlertBurstFigures;
  /** The alert keys (markers' keys) and the record numbers carrying each. */
  recordsByKey: () => Map<string, number[]>;
}

export async function runAlertBurst(options: AlertBurstOptions = {}, deferredCount: () => number = () => 0): Promise<AlertBurst> {
  const dependabot = options.dependabot ?? 200;
  const codeScanning = options.codeScanning ?? 20;
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  sim.createOrg("acme", { members: ["sec1"] });
  sim.createRepo({ owner: "acme", name: ".github" });
  // the records' SLA sweep is off: its escalations are the app's other work, which the alert records'
  // share of the content limits leaves room for, and would only slow the run down
  sim.createRepo({ owner: "acme", name: "shop", files: { ".github/ims.yml": `alerts:\n  group: ${options.group ? "true" : "false"}\nescalation:\n  sweep:\n    enabled: false\n` } });
  seedAppLabels(sim, REPO);
  sim.quietly(() => sim.createTeam("acme", { slug: "security", members: ["sec1"] }));
  sim.rateLimits.secondary.enableContentLimits();
  const deferredBefore = deferredCount();

  // one push: a lockfile with 120 vulnerable packages, some with several advisories, and a CodeQL run
  const severities = ["critical", "high", "medium", "low"] as const;
  const keys = new Set<string>();
  const since = sim.deliveries.length;
  const failuresBefore = stack.handlerFailures;
  sim.resetRequestLog();
  const t0 = sim.clock.now().getTime();
  for (let i = 0; i < dependabot; i++) {
    const pkg = `npm/pkg-${i % (options.packages ?? 120)}`;
    const severity = severities[(i * 7) % 4]!;
    const a = sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity, package: pkg });
    keys.add(options.group ? `dependabot:${pkg}:${severity}` : `dependabot:${String(a.number)}`);
  }
  for (let i = 0; i < codeScanning; i++) {
    const a = sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: severities[i % 4]!, summary: `Query ${i}` });
    keys.add(`code-scanning:${String(a.number)}`);
  }
  await sim.settle();
  const failed = stack.handlerFailures - failuresBefore;
  const answers: Record<string, number> = {};
  for (const d of sim.deliveries.slice(since).filter((d) => d.event.endsWith("_alert"))) answers[String(d.status)] = (answers[String(d.status)] ?? 0) + 1;

  const recordsByKey = () => {
    const out = new Map<string, number[]>();
    for (const i of sim.core.store.repoByName(REPO).issues.values()) {
      if (i.stateReason === "not_planned") continue;
      for (const k of keys) if ((i.body ?? "").includes(alertMarker(k))) out.set(k, [...(out.get(k) ?? []), i.number]);
    }
    return out;
  };
  const allRecorded = () => {
    const by = recordsByKey();
    return [...keys].every((k) => by.get(k)?.length === 1);
  };

  // the sweep's searches are paced on the same virtual clock (a wait moves it on), not on real time:
  // on real time each search past the burst slept 4 s, most of this run's real time
  const pacer = () => new SearchPacer(() => sim.clock.now().getTime(), async (ms) => void sim.clock.advance(ms));
  const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN, searchPacer: pacer });
  const limit = t0 + (options.maxHours ?? 24) * 60 * MIN;
  let until: number | null = allRecorded() ? 0 : null;
  while (until === null && sim.clock.now().getTime() < limit) {
    sim.clock.advance(5 * MIN);
    await scheduler.tick();
    await sim.settle();
    if (allRecorded()) until = (sim.clock.now().getTime() - t0) / MIN;
  }

  const mine = sim.requestLog.filter((r) => r.actor === sim.botLogin && !r.route.includes("access_tokens"));
  const accepted = mine.filter((r) => r.method !== "GET" && !limited(r));
  const times = accepted.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  const by = recordsByKey();
  const figures: AlertBurstFigures = {
    alerts: dependabot + codeScanning,
    keys: keys.size,
    requests: mine.length,
    searches: mine.filter((r) => r.route.startsWith("GET /search/")).length,
    searchesMostInMinute: mostWithin(mine.filter((r) => r.route.startsWith("GET /search/")).map((r) => Date.parse(r.at)).sort((a, b) => a - b), MIN),
    content: accepted.length,
    refused: mine.filter(limited).length,
    mostInMinute: mostWithin(times, MIN),
    mostInHour: mostWithin(times, 60 * MIN),
    minutesUntilAll: until,
    missing: [...keys].filter((k) => !by.has(k)).length,
    duplicates: [...by.values()].filter((n) => n.length > 1).length,
    answers,
    failed,
    deferred: deferredCount() - deferredBefore,
  };
  return { stack, figures, recordsByKey };
}
