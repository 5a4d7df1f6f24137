import type { Probot } from "probot";
import { countCalls } from "../github/call-counter.js";
import { installationOctokit } from "../github/installation-client.js";
import { bindStore } from "../github/store-of.js";
import { countRequests } from "../ops/octokit-metrics.js";
import type { Octokit } from "../github/types.js";
import { OnboardingQueue, PACE_WINDOW_MS } from "../onboarding/queue.js";
import type { Store } from "../store/index.js";
import { drainOnboarding, type OnboardingPace } from "./installation.js";

/** Onboarding beyond the first minute's budget: on (outside tests) unless `IMS_ONBOARDING_DRAIN=off`. */
export interface OnboardingOption extends OnboardingPace {
  /** Receives the drain step (a test runs it after moving the clock instead of waiting). */
  onDrain?: (drain: () => Promise<number>) => void;
  timer?: boolean;
}

/**
 * Continues the onboarding of large installations once a minute, from the queue in the store (so a
 * restarted or second instance continues it). Returns a stop function.
 */
export function startOnboardingDrain(app: Probot, options: { now: () => Date; store: Store; onboarding?: OnboardingOption | undefined }): () => void {
  const queue = new OnboardingQueue(options.store);
  const drain = async (): Promise<number> => {
    let handled = 0;
    for (const installation of await queue.installations()) {
      const octokit = countRequests(await installationOctokit(app, installation, { store: options.store, now: options.now }));
      countCalls(octokit);
      bindStore(octokit, options.store);
      try {
        handled += await drainOnboarding(octokit, installation, { now: options.now, store: options.store }, app.log, options.onboarding ?? {});
      } catch (error) {
        app.log.error({ err: error, installation }, "onboarding drain failed; it continues at the next tick");
      }
    }
    return handled;
  };
  options.onboarding?.onDrain?.(drain);
  const on = options.onboarding?.timer ?? (process.env.IMS_ONBOARDING_DRAIN !== "off" && !process.env.VITEST);
  if (!on) return () => undefined;
  const timer = setInterval(() => void drain(), PACE_WINDOW_MS);
  timer.unref();
  return () => clearInterval(timer);
}
