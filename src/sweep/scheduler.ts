import type { Probot } from "probot";
import { defaultConfig } from "../config/defaults.js";
import { countCalls } from "../github/call-counter.js";
import { withEtagCache } from "../github/etag-cache.js";
import { listInstallations } from "../github/installations.js";
import type { Octokit } from "../github/types.js";
import { bindStore } from "../github/store-of.js";
import type { Store } from "../store/index.js";
import { mapPool } from "./pool.js";
import { sweepInstallation } from "./sweep-installation.js";

export interface SchedulerOptions {
  now: () => Date;
  /** The app's store (bound to every installation's Octokit, and the sweep's own memory). */
  store: Store;
  /** The tick. Default: env `IMS_SWEEP_TICK_MINUTES`, else `escalation.sweep.intervalMinutes` of the built-in config (5); each repository is swept at its own `intervalMinutes`, rounded up to the tick. */
  intervalMs?: number;
  /** Installations swept at once. Default: `escalation.sweep.concurrency` of the built-in config. */
  concurrency?: number;
}

/**
 * The in-process sweep: every interval, each installation's open incident records are re-evaluated,
 * because time passes without webhooks. A tick never overlaps the previous one; `stop()` waits for
 * the running sweep to end. The timer does not keep the process alive.
 */
export class SweepScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #ticks = 0;
  readonly intervalMs: number;
  readonly concurrency: number;

  constructor(
    private readonly app: Probot,
    private readonly opts: SchedulerOptions,
  ) {
    const d = defaultConfig().escalation.sweep;
    const tick = Number(process.env.IMS_SWEEP_TICK_MINUTES);
    this.intervalMs = opts.intervalMs ?? (Number.isFinite(tick) && tick >= 1 ? tick : d.intervalMinutes) * 60_000;
    this.concurrency = opts.concurrency ?? d.concurrency;
  }

  start(): this {
    if (this.#timer) return this;
    this.#timer = setInterval(() => void this.tick(), this.intervalMs);
    this.#timer.unref();
    return this;
  }

  /** One sweep of every installation now (skipped when one is still running). */
  tick(): Promise<void> {
    this.#running ??= this.#sweepAll().finally(() => (this.#running = null));
    return this.#running;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #sweepAll(): Promise<void> {
    const id = `sweep-${++this.#ticks}-${this.opts.now().toISOString()}`;
    try {
      const appOctokit = await this.app.auth();
      const installations = await listInstallations(appOctokit as Octokit);
      await mapPool(installations, this.concurrency, async (inst) => {
        try {
          const installation = bindStore((await this.app.auth(inst.id)) as Octokit, this.opts.store);
          countCalls(installation);
          const octokit = withEtagCache(installation);
          const stats = await sweepInstallation(octokit, { now: this.opts.now(), id, log: this.app.log, scheduled: true, store: this.opts.store });
          this.app.log.info({ installation: inst.id, sweep: id, repos: stats.length, evaluated: stats.reduce((a, s) => a + s.evaluated, 0) }, "sweep done");
        } catch (error) {
          this.app.log.error({ err: error, installation: inst.id, sweep: id }, "sweeping an installation failed; the next sweep tries again");
        }
      });
    } catch (error) {
      this.app.log.error({ err: error, sweep: id }, "listing installations for the sweep failed (check APP_ID and the private key)");
    }
  }
}
