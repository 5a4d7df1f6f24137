import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import { countByRoute, type RequestRecord } from "./accounting.js";
import { Tokens } from "./auth.js";
import { Core, type CoreOptions } from "./core.js";
import { Faults } from "./faults.js";
import { createTeam } from "./ops/teams.js";
import { RateLimits } from "./ratelimit.js";
import { trackPushes } from "./ops/pulls.js";
import { buildRouter } from "./routes/index.js";
import { startServer } from "./server.js";
import type { Delivery } from "./webhooks.js";

let sharedKey: string | undefined;
/** The process's throwaway RSA key (PKCS#1 PEM), generated on first use. */
function throwawayKey(): string {
  sharedKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return sharedKey;
}

/** Server lifecycle, webhooks, tokens, request accounting and failure injection of the simulator. */
export class SimulatorBase {
  readonly core: Core;
  readonly tokens = new Tokens();
  readonly faults = new Faults();
  readonly rateLimits: RateLimits;
  readonly requestLog: RequestRecord[] = [];
  readonly unknownRoutes: string[] = [];
  url = "";
  #server: Server | undefined;
  #privateKey: string | undefined;

  constructor(opts: CoreOptions) {
    this.core = new Core(opts);
    this.rateLimits = new RateLimits(() => this.core.clock.now().getTime());
    trackPushes(this.core);
  }

  async listen(): Promise<this> {
    const router = buildRouter(this.tokens);
    const { server, url } = await startServer({ core: this.core, router, tokens: this.tokens, rates: this.rateLimits, faults: this.faults, requestLog: this.requestLog, unknownRoutes: this.unknownRoutes });
    this.#server = server;
    this.url = url;
    this.core.urls.api = url;
    return this;
  }

  async stop(): Promise<void> {
    await this.settle();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get clock() {
    return this.core.clock;
  }

  get appId(): number {
    return this.core.app.id;
  }

  get installationId(): number {
    return this.core.app.installationId;
  }

  get botLogin(): string {
    return this.core.app.botLogin;
  }

  /**
   * A throwaway RSA key for Probot's `privateKey` (the simulator accepts any JWT): one for every
   * simulator of the process, since generating a 2048-bit key takes a tenth of a second or more and a
   * test suite starts hundreds of simulators.
   */
  get privateKey(): string {
    this.#privateKey ??= throwawayKey();
    return this.#privateKey;
  }

  setWebhookUrl(url: string | undefined): void {
    this.core.hooks.url = url;
  }

  /** Resolves when every queued webhook was delivered and answered (rejects after `timeoutMs`, if given). */
  settle(timeoutMs?: number): Promise<void> {
    return this.core.hooks.settle(timeoutMs);
  }

  /**
   * Runs `change` without emitting webhooks (fast bulk seeding for benchmarks and large fixtures).
   * @example sim.quietly(() => { for (let i = 0; i < 10_000; i++) sim.as("alice").openIssue(repo, { title: `#${i}` }); })
   */
  quietly<T>(change: () => T): T {
    this.core.hooks.muted++;
    try {
      return change();
    } finally {
      this.core.hooks.muted--;
    }
  }

  get deliveries(): readonly Delivery[] {
    return this.core.hooks.log;
  }

  redeliver(deliveryId: string): Delivery {
    return this.core.hooks.redeliver(deliveryId);
  }

  /**
   * Sends the logged delivery `deliveryId` to `url` at once (one replica of several), resolving with
   * its answer. With no webhook URL set, nothing is delivered by itself and a test sends each delivery
   * to the replicas it chooses.
   */
  sendTo(deliveryId: string, url: string): Promise<Delivery> {
    return this.core.hooks.sendTo(deliveryId, url);
  }

  // --- accounting and failures ---

  resetRequestLog(): void {
    this.requestLog.length = 0;
  }

  /** Requests per route template, optionally only those matching `filter`. */
  requestCounts(filter?: (r: RequestRecord) => boolean): Record<string, number> {
    return countByRoute(this.requestLog, filter);
  }

  /**
   * Runs `run` once before the next request to `route` is answered: what another client (a second app
   * instance) does between this client's read and its write.
   */
  beforeNext(route: string, run: () => Promise<void> | void): void {
    this.faults.before(route, run);
  }

  /** The next `times` requests to `route` ("GET /repos/{owner}/{repo}" or "*") fail with `status`. */
  failNext(route: string, status: number, times = 1, opts: { retryAfter?: number | null; message?: string } = {}): void {
    this.faults.add(route, status, times, opts);
  }
}
