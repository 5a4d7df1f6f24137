import type { Probot } from "probot";
import type { Store } from "../store/index.js";
import { SweepScheduler } from "./scheduler.js";

/** Whether and how the in-process sweep runs (SLA escalation over time, as no webhook marks time passing). */
export type SweepOption = boolean | { intervalMs?: number; onScheduler?: (s: SweepScheduler) => void };

/**
 * Starts the sweep unless it is off: `IMS_SWEEP=off` always wins; by default it is on except under
 * a test runner. `{ intervalMs }` sets the interval; `onScheduler` receives the scheduler (to stop it).
 * Returns the running scheduler, or null when off.
 */
export function startSweep(app: Probot, options: { now: () => Date; store: Store; sweep?: SweepOption | undefined }): SweepScheduler | null {
  const sweep = options.sweep ?? (process.env.IMS_SWEEP !== "off" && !process.env.VITEST);
  if (!sweep || process.env.IMS_SWEEP === "off") return null;
  const s = new SweepScheduler(app, { now: options.now, store: options.store, ...(typeof sweep === "object" && sweep.intervalMs ? { intervalMs: sweep.intervalMs } : {}) }).start();
  if (typeof sweep === "object") sweep.onScheduler?.(s);
  return s;
}
