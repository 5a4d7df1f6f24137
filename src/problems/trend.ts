import { normaliseService } from "./record.js";

/** An incident as trend detection sees it. */
export interface TrendIncident {
  number: number;
  service: string | null;
  createdAt: string;
}

/** An open problem and the service it covers. */
export interface TrendProblem {
  number: number;
  service: string | null;
}

export interface TrendConfig {
  enabled: boolean;
  count: number;
  windowDays: number;
}

/** What trend detection decided for one service. */
export interface TrendDecision {
  open: boolean;
  service: string | null;
  /** The incidents in the window on that service, oldest first. */
  incidents: number[];
  /** An open problem already covering the service. */
  coveredBy: number | null;
  reason: string;
}

const DAY_MS = 86_400_000;

/** Start of the trend window ending at `now`. */
export function windowStart(config: TrendConfig, now: Date): Date {
  return new Date(now.getTime() - config.windowDays * DAY_MS);
}

/**
 * Repeated incidents on one service (20000-1 8.6.3, 27001 A.16.1.6 / 5.27): `count` incidents opened
 * within `windowDays` on the same affected service, and no open problem covering it -> open a problem
 * linking them all. Pure. Example: three `payments-api` incidents in a week, no problem -> open.
 */
export function detectTrend(service: string | null, incidents: TrendIncident[], problems: TrendProblem[], config: TrendConfig, now: Date): TrendDecision {
  const none = (reason: string, coveredBy: number | null = null, list: number[] = []): TrendDecision => ({ open: false, service, incidents: list, coveredBy, reason });
  if (!config.enabled) return none("trend detection is off");
  if (!service?.trim()) return none("the incident names no affected service");
  const key = normaliseService(service);
  const from = windowStart(config, now).getTime();
  const inWindow = incidents
    .filter((i) => i.service && normaliseService(i.service) === key)
    .filter((i) => Date.parse(i.createdAt) >= from && Date.parse(i.createdAt) <= now.getTime())
    .sort((a, b) => a.number - b.number)
    .map((i) => i.number);
  if (inWindow.length < config.count) return none(`${inWindow.length} of ${config.count} incidents on ${key} within ${config.windowDays} days`, null, inWindow);
  const covering = problems.find((p) => p.service && normaliseService(p.service) === key);
  if (covering) return none(`open problem #${covering.number} covers ${key}`, covering.number, inWindow);
  return { open: true, service, incidents: inWindow, coveredBy: null, reason: `${inWindow.length} incidents on ${key} within ${config.windowDays} days and no open problem covers it` };
}
