import type { Probot } from "probot";
import { defaultConfig } from "../config/defaults.js";
import { countCalls } from "../github/call-counter.js";
import { withEtagCache } from "../github/etag-cache.js";
import { fenceWrites } from "../github/fenced-writes.js";
import { listInstallationRepos, listInstallations } from "../github/installations.js";
import { installationOctokit } from "../github/installation-client.js";
import { readFilesOnce } from "../github/read-once.js";
import { countRequests } from "../ops/octokit-metrics.js";
import { metrics } from "../ops/metrics.js";
import { AREAS, SWEEP_LEASE_MS } from "../store/areas.js";
import { SearchPacer } from "./search-pacer.js";
import type { Octokit } from "../github/types.js";
import { bindStore } from "../github/store-of.js";
import { botIdentity, type BotIdentity } from "../github/identity.js";
import type { Store } from "../store/index.js";
import { mapPool } from "./pool.js";
import { sweepInstallation } from "./sweep-installation.js";
import { rememberOwnWrites } from "../github/own-writes.js";

export interface SchedulerOptions {
  now: () => Date;
  /** The app's store (bound to every installation's Octokit, and the sweep's own memory). */
  store: Store;
  /** The tick. Default: env `IMS_SWEEP_TICK_MINUTES` (fractions allowed, at least a second), else `escalation.sweep.intervalMinutes` of the built-in config (5); each repository is swept at its own `intervalMinutes`, rounded up to the tick. */
  intervalMs?: number;
  /** Installations swept at once. Default: `escalation.sweep.concurrency` of the built-in config. */
  concurrency?: number;
  /** How long a dead replica's sweep lease blocks the others (a live one renews it every third of this). Default: env `IMS_SWEEP_LEASE_SECONDS`, else SWEEP_LEASE_MS (2 minutes). */
  leaseMs?: number;
  /** Each installation's search pacing (default: a SearchPacer on real time); a run on virtual time passes one on its clock. */
  searchPacer?: () => SearchPacer;
}

/**
 * The in-process sweep: every interval, each installation's open incident records are re-evaluated,
 * because time passes without webhooks. A tick never overlaps the previous one; `stop()` waits for
 * the running sweep to end. The timer does not keep the process alive. With a shared store (Redis),
 * every replica ticks and one of them sweeps each installation (see #sweepOne).
 */
export class SweepScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #ticks = 0;
  /** Each installation's search pacing, across ticks (a sweep that follows a long one still spreads its searches). */
  readonly #pacers = new Map<number, SearchPacer>();
  readonly intervalMs: number;
  readonly concurrency: number;
  readonly leaseMs: number;
  /** The app's login, read once (GET /app with the app's JWT, or IMS_BOT_LOGIN). */
  readonly #self: BotIdentity;

  constructor(
    private readonly app: Probot,
    private readonly opts: SchedulerOptions,
  ) {
    const d = defaultConfig().escalation.sweep;
    const tick = Number(process.env.IMS_SWEEP_TICK_MINUTES);
    this.intervalMs = opts.intervalMs ?? (Number.isFinite(tick) && tick * 60_000 >= 1000 ? Math.round(tick * 60_000) : d.intervalMinutes * 60_000);
    this.concurrency = opts.concurrency ?? d.concurrency;
    const lease = Number(process.env.IMS_SWEEP_LEASE_SECONDS);
    this.leaseMs = opts.leaseMs ?? (Number.isFinite(lease) && lease >= 1 ? lease * 1000 : SWEEP_LEASE_MS);
    this.#self = botIdentity(app);
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
      await mapPool(installations, this.concurrency, (inst) => this.#sweepOne(inst, id));
    } catch (error) {
      this.app.log.error({ err: error, sweep: id }, "listing installations for the sweep failed (check APP_ID and the private key)");
    }
  }

  /**
   * One installation, by one replica per tick: the replica that takes the installation's lease sweeps
   * it, unless another finished a sweep of it within this interval. The lease is renewed every third of
   * it while the sweep runs, and before each repository and each write; a replica that lost it stops
   * (fenced writes); the installation is
   * marked swept only when the whole sweep ran, so a replica killed mid-sweep leaves it to the next tick.
   */
  async #sweepOne(inst: { id: number; account?: { login: string; type?: string } | null; repository_selection?: string }, id: string): Promise<void> {
    const key = `sweep:${inst.id}`;
    // every line of this installation's sweep names it and the tick
    const log = this.app.log.child({ installation: inst.id, sweep: id });
    const lease = await this.opts.store.lease(key, this.leaseMs);
    if (!lease) {
      metrics.sweepInstallations.inc({ outcome: "held elsewhere" });
      log.debug("another replica is sweeping this installation");
      return;
    }
    const swept = this.opts.store.area<number>("sweptInstallations", AREAS.sweptInstallations);
    let held = true;
    const stillHeld = async () => (held &&= await lease.renew(this.leaseMs));
    // A live sweep keeps its lease while it waits (on a record's lock, the request throttle, a
    // Retry-After): renewed every third of it, so only a replica that died or stalled for two thirds
    // of the lease loses it. A renewal that cannot reach Redis is left to the next one, or to the fence.
    const heartbeat = setInterval(() => void stillHeld().catch(() => {}), Math.max(1_000, Math.round(this.leaseMs / 3)));
    heartbeat.unref();
    const t0 = performance.now();
    try {
      const now = this.opts.now();
      const last = await swept.get(String(inst.id));
      // Slack (a minute, or a quarter of a shorter tick): replicas' ticks are not aligned, and a tick may fire a little early.
      if (last !== undefined && now.getTime() - last < this.intervalMs - Math.min(60_000, this.intervalMs / 4)) {
        metrics.sweepInstallations.inc({ outcome: "swept recently" });
        log.debug("another replica swept this installation within this interval");
        return;
      }
      log.info("sweeping the installation");
      const installation = bindStore(countRequests(await installationOctokit(this.app, inst.id, { store: this.opts.store, now: this.opts.now })), this.opts.store);
      const counter = countCalls(installation);
      rememberOwnWrites(installation);
      const octokit = readFilesOnce(withEtagCache(fenceWrites(installation, key, stillHeld)));
      const account = inst.account ?? { login: (await listInstallationRepos(octokit))[0]?.owner.login ?? "" };
      if (!account.login) return;
      const pacer = this.#pacers.get(inst.id) ?? (this.opts.searchPacer ? this.opts.searchPacer() : new SearchPacer());
      this.#pacers.set(inst.id, pacer);
      const result = await sweepInstallation(
        octokit,
        { account, ...(inst.repository_selection ? { repositorySelection: inst.repository_selection } : {}) },
        { now, id, log, scheduled: true, store: this.opts.store, pace: () => pacer.take(), self: this.#self, mayGoOn: () => held },
      );
      const evaluated = result.repos.reduce((a, s) => a + s.evaluated, 0);
      const writes = Object.entries(counter.byRoute()).filter(([route]) => !route.startsWith("GET ")).reduce((a, [, n]) => a + n, 0);
      metrics.sweepRecords.inc(evaluated);
      metrics.sweepWrites.inc(writes);
      if (await stillHeld()) {
        await swept.set(String(inst.id), now.getTime());
        metrics.sweepInstallations.inc({ outcome: "swept" });
      } else {
        metrics.sweepInstallations.inc({ outcome: "lease lost" });
        log.warn("the sweep's lease was lost (another replica took it): this replica stopped");
      }
      log.info({ repos: result.repos.length, searchPages: result.searchPages, evaluated, writes }, "sweep done");
    } catch (error) {
      metrics.sweepInstallations.inc({ outcome: "failed" });
      log.error({ err: error }, "sweeping an installation failed; the next sweep tries again");
    } finally {
      clearInterval(heartbeat);
      metrics.sweepSeconds.observe((performance.now() - t0) / 1000);
      await lease.release();
    }
  }
}
