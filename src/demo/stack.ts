import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, createNodeMiddleware, type Logger } from "probot";
import { createApp } from "../index.js";
import type { OnboardingOption } from "../handlers/onboarding-drain.js";
import { defaultStore, type Store } from "../store/index.js";
import { startSimulator, type Simulator } from "../simulator/index.js";

/** The simulator and the real app, wired over HTTP on 127.0.0.1: the demo's and end-to-end tests' bed. */
export interface Stack {
  sim: Simulator;
  probot: Probot;
  /** The app's store (a scheduler started beside the app shares it, as under createApp). */
  store: Store;
  /** The app's webhook URL (the simulator posts signed deliveries here). */
  webhookUrl: string;
  /**
   * Replaces the app by a fresh instance (a new Probot and app, so a fresh store) on the same
   * webhook URL: a process restart, or another replica that saw none of the first one's events.
   * With `store`, the new instance uses that store instead (a replica sharing the first one's store).
   */
  restartApp(options?: { store?: Store }): Promise<void>;
  /**
   * How many deliveries' handlers threw so far, whether the delivery was answered 500 or, a handler
   * still running after 9 s, 202 first: a 202 says only that the app took the delivery.
   */
  readonly handlerFailures: number;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Start of the simulated clock. */
  now?: string;
  /** Probot log level; the demo keeps the app quiet and narrates instead. */
  logLevel?: "fatal" | "error" | "warn" | "info" | "debug" | "trace";
  /** The app's logger (Probot's `log` option: a test gives it a pino destination to read the lines); default Probot's, at `logLevel`. */
  log?: Logger;
  /** Onboarding's pace and drain (a test passes a small budget and runs the drain itself). */
  onboarding?: OnboardingOption;
  /**
   * "production": Probot's own Octokit, with its throttling (Bottleneck, keyed per installation by the
   * guard) and retries, as under `probot run`; default off (throttling would only slow the demo).
   */
  throttle?: "production";
}

const SECRET = "ims-demo-webhook-secret";

/**
 * Starts the in-memory GitHub and the real ims-bot app against it. The app talks to the simulator
 * through its normal Octokit (base URL override), with the simulator's clock as its clock.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sim = await startSimulator({ webhookSecret: SECRET, now: options.now ?? "2026-11-30T09:00:00Z" });
  // As under `probot run`: the app knows its id, and trusts only comments its own app wrote.
  process.env.APP_ID = String(sim.appId);
  const boot = async (shared?: Store) => {
    const probot = new Probot({
      appId: sim.appId,
      privateKey: sim.privateKey,
      secret: SECRET,
      baseUrl: sim.url,
      ...(options.log ? { log: options.log } : { logLevel: options.logLevel ?? "fatal" }),
      // Retries would hide failures the simulator injects on purpose; throttling would only slow the demo.
      Octokit: options.throttle === "production" ? ProbotOctokit : ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    const now = () => sim.clock.now();
    const store = shared ?? defaultStore(now);
    const middleware = await createNodeMiddleware(createApp({ now, sweep: false, store, ...(options.onboarding ? { onboarding: options.onboarding } : {}) }), { probot, webhooksPath: "/api/github/webhooks" });
    // Handlers still running when @octokit/webhooks answered 202 (after 9 s, on a loaded machine): the
    // simulator's settle() waits for them, so "settled" means the app finished, not only answered.
    const webhooks = probot.webhooks!;
    const receive = webhooks.verifyAndReceive;
    webhooks.verifyAndReceive = (event) => {
      const work = receive(event);
      inFlight.add(work);
      void work.catch(() => void failures++).finally(() => inFlight.delete(work));
      return work;
    };
    return { probot, store, middleware };
  };
  const inFlight = new Set<Promise<unknown>>();
  let failures = 0;
  sim.core.hooks.appWork = async () => {
    if (inFlight.size === 0) return false;
    await Promise.allSettled([...inFlight]);
    return true;
  };
  let app = await boot();
  const server: Server = createServer((req, res) => void app.middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sim.setWebhookUrl(webhookUrl);
  const stack: Stack = {
    sim,
    probot: app.probot,
    store: app.store,
    webhookUrl,
    async restartApp(options = {}) {
      await sim.settle();
      app = await boot(options.store);
      stack.probot = app.probot;
      stack.store = app.store;
    },
    get handlerFailures() {
      return failures;
    },
    async stop() {
      await sim.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return stack;
}
