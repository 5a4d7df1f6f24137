import type { CoreOptions } from "./core.js";
import { Simulator } from "./simulator.js";

export { Simulator } from "./simulator.js";
export { Actor } from "./script/actor.js";
export type { PullInput } from "./ops/pulls.js";
export type { ReviewEvent } from "./ops/reviews.js";
export type { RequestRecord } from "./accounting.js";
export type { Delivery } from "./webhooks.js";
export type { CommitInput } from "./git.js";
export type * from "./types.js";

export interface SimulatorOptions {
  /** Where webhooks go; set later with `sim.setWebhookUrl(url)` if the app starts after. */
  webhookUrl?: string;
  webhookSecret: string;
  appId?: number;
  installationId?: number;
  /** Start time of the simulator clock (default: now). */
  now?: Date | string | number;
}

/**
 * Starts the in-memory GitHub on 127.0.0.1 (random port).
 * @example const sim = await startSimulator({ webhookSecret: "s", now: "2025-03-03T09:00:00Z" })
 */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const core: CoreOptions = { webhookSecret: opts.webhookSecret };
  if (opts.webhookUrl !== undefined) core.webhookUrl = opts.webhookUrl;
  if (opts.appId !== undefined) core.appId = opts.appId;
  if (opts.installationId !== undefined) core.installationId = opts.installationId;
  if (opts.now !== undefined) core.now = opts.now;
  return new Simulator(core).listen();
}
